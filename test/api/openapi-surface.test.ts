/**
 * The served OpenAPI document's surface, pinned: its operations (method and path), the component
 * schemas it defines and references, and its tags. Moving where the document is assembled must
 * not change what it describes; a deliberate API change updates openapi-surface.json with it.
 */
import { openApiDocument } from '../../src/openapi-document';
import surface from './openapi-surface.json';

function referencedSchemas(doc: unknown): string[] {
  const names = new Set<string>();
  JSON.stringify(doc, (key, value: unknown) => {
    if (key === '$ref' && typeof value === 'string') names.add(value.replace('#/components/schemas/', ''));
    return value;
  });
  return [...names].sort();
}

describe('OpenAPI document surface', () => {
  const doc = openApiDocument();

  it('documents the same operations', () => {
    const operations = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    expect(operations.sort()).toEqual(surface.operations);
  });

  it('defines and references the same component schemas, every reference resolving', () => {
    const defined = Object.keys(doc.components.schemas as Record<string, unknown>).sort();
    expect(defined).toEqual(surface.componentSchemas);
    expect(referencedSchemas(doc)).toEqual(surface.referencedSchemas);
    expect(surface.referencedSchemas.filter((name) => !defined.includes(name))).toEqual([]);
  });

  it('lists the same tags', () => {
    expect(doc.tags.map((t) => t.name).sort()).toEqual(surface.tags);
  });
});
