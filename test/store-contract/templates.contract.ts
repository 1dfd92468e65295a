/** Contract of the templates feature's store (TemplateStore), for every adapter. */
import type { Stores } from '../../src/stores/stores';

export function templateStoreContract(get: () => Pick<Stores, 'templates'>): void {
  let store: Pick<Stores, 'templates'>;
  beforeEach(() => {
    store = get();
  });

  it('creates, finds by key, updates and deletes a template', async () => {
    const t = await store.templates.createTemplate({ key: 'ack', name: 'Ack', bodies: { ar: 'شكرًا {name}' }, updatedBy: 'u1' });
    expect((await store.templates.getTemplateByKey('ack'))?.id).toBe(t.id);
    const u = await store.templates.updateTemplate(t.id, { bodies: { en: 'Thanks {name}' }, updatedBy: 'u2' });
    expect(u?.bodies).toEqual({ en: 'Thanks {name}' });
    expect(u?.updatedBy).toBe('u2');
    expect(await store.templates.listTemplates()).toHaveLength(1);
    expect(await store.templates.deleteTemplate(t.id)).toBe(true);
    expect(await store.templates.getTemplate(t.id)).toBeNull();
  });
}
