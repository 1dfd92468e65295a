/** Reply templates in memory: the fake beside the port, for tests and tools without a database. */
import { randomUUID } from 'node:crypto';
import { cleanBodies, type NewTemplate, type Template, type TemplatePatch, type TemplateStore } from './template-store';

export class MemoryTemplateStore implements TemplateStore {
  private readonly byId = new Map<string, Template>();

  async createTemplate(t: NewTemplate): Promise<Template> {
    if ([...this.byId.values()].some((x) => x.key === t.key)) throw new Error(`UNIQUE constraint failed: templates.key (${t.key})`);
    const now = new Date().toISOString();
    const template: Template = { id: randomUUID(), key: t.key, name: t.name, bodies: cleanBodies(t.bodies), createdAt: now, updatedAt: now, updatedBy: t.updatedBy };
    this.byId.set(template.id, template);
    return structuredClone(template);
  }

  async getTemplate(id: string): Promise<Template | null> {
    const t = this.byId.get(id);
    return t ? structuredClone(t) : null;
  }

  async getTemplateByKey(key: string): Promise<Template | null> {
    const t = [...this.byId.values()].find((x) => x.key === key);
    return t ? structuredClone(t) : null;
  }

  async listTemplates(): Promise<Template[]> {
    return [...this.byId.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((t) => structuredClone(t));
  }

  async updateTemplate(id: string, patch: TemplatePatch): Promise<Template | null> {
    const t = this.byId.get(id);
    if (!t) return null;
    if (patch.name !== undefined) t.name = patch.name;
    if (patch.bodies !== undefined) t.bodies = cleanBodies(patch.bodies);
    t.updatedAt = new Date().toISOString();
    t.updatedBy = patch.updatedBy;
    return structuredClone(t);
  }

  async deleteTemplate(id: string): Promise<boolean> {
    return this.byId.delete(id);
  }
}
