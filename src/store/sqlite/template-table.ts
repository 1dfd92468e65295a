/** Reply templates on SQLite: one row per template, a column per language. */
import { randomUUID } from 'node:crypto';
import type { NewTemplate, Template, TemplatePatch } from '../../domain';
import type { Db } from './open-database';

interface TemplateRow {
  id: string;
  key: string;
  name: string;
  body_ar: string | null;
  body_en: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

function rowToTemplate(row: TemplateRow): Template {
  const bodies: Template['bodies'] = {};
  if (row.body_ar) bodies.ar = row.body_ar;
  if (row.body_en) bodies.en = row.body_en;
  return { id: row.id, key: row.key, name: row.name, bodies, createdAt: row.created_at, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

export class TemplateTable {
  constructor(private readonly db: Db) {}

  create(t: NewTemplate): Template {
    const now = new Date().toISOString();
    const id = randomUUID();
    this.db
      .prepare('INSERT INTO templates (id, key, name, body_ar, body_en, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, t.key, t.name, t.bodies.ar ?? null, t.bodies.en ?? null, now, now, t.updatedBy);
    return this.get(id) as Template;
  }

  get(id: string): Template | null {
    const row = this.db.prepare('SELECT * FROM templates WHERE id = ?').get(id) as TemplateRow | undefined;
    return row ? rowToTemplate(row) : null;
  }

  getByKey(key: string): Template | null {
    const row = this.db.prepare('SELECT * FROM templates WHERE key = ?').get(key) as TemplateRow | undefined;
    return row ? rowToTemplate(row) : null;
  }

  list(): Template[] {
    return (this.db.prepare('SELECT * FROM templates ORDER BY key').all() as TemplateRow[]).map(rowToTemplate);
  }

  /** `bodies` replaces both languages (a language left out is removed). */
  update(id: string, patch: TemplatePatch): Template | null {
    const sets = ['updated_at = @updated_at', 'updated_by = @updated_by'];
    const params: Record<string, unknown> = { id, updated_at: new Date().toISOString(), updated_by: patch.updatedBy };
    if (patch.name !== undefined) (sets.push('name = @name'), (params.name = patch.name));
    if (patch.bodies !== undefined) {
      sets.push('body_ar = @body_ar', 'body_en = @body_en');
      params.body_ar = patch.bodies.ar ?? null;
      params.body_en = patch.bodies.en ?? null;
    }
    const r = this.db.prepare(`UPDATE templates SET ${sets.join(', ')} WHERE id = @id`).run(params);
    return r.changes ? this.get(id) : null;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM templates WHERE id = ?').run(id).changes === 1;
  }
}
