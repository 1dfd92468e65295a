/** Reply templates on SQLite: one row per template, a column per language. */
import { randomUUID } from 'node:crypto';
import type { SqliteConnection } from '../../store/sqlite/sqlite-connection';
import type { NewTemplate, Template, TemplatePatch, TemplateStore } from './template-store';

const TABLE = 'templates';

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

export class SqliteTemplateStore implements TemplateStore {
  constructor(private readonly conn: SqliteConnection) {}

  async createTemplate(t: NewTemplate): Promise<Template> {
    const now = new Date().toISOString();
    const id = randomUUID();
    this.conn.guard(() =>
      this.conn.db
        .prepare(`INSERT INTO ${TABLE} (id, key, name, body_ar, body_en, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(id, t.key, t.name, t.bodies.ar ?? null, t.bodies.en ?? null, now, now, t.updatedBy),
    );
    return this.get(id) as Template;
  }

  async getTemplate(id: string): Promise<Template | null> {
    return this.get(id);
  }

  async getTemplateByKey(key: string): Promise<Template | null> {
    const row = this.conn.db.prepare(`SELECT * FROM ${TABLE} WHERE key = ?`).get(key) as TemplateRow | undefined;
    return row ? rowToTemplate(row) : null;
  }

  async listTemplates(): Promise<Template[]> {
    return (this.conn.db.prepare(`SELECT * FROM ${TABLE} ORDER BY key`).all() as TemplateRow[]).map(rowToTemplate);
  }

  async updateTemplate(id: string, patch: TemplatePatch): Promise<Template | null> {
    const sets = ['updated_at = @updated_at', 'updated_by = @updated_by'];
    const params: Record<string, unknown> = { id, updated_at: new Date().toISOString(), updated_by: patch.updatedBy };
    if (patch.name !== undefined) (sets.push('name = @name'), (params.name = patch.name));
    if (patch.bodies !== undefined) {
      sets.push('body_ar = @body_ar', 'body_en = @body_en');
      params.body_ar = patch.bodies.ar ?? null;
      params.body_en = patch.bodies.en ?? null;
    }
    const r = this.conn.guard(() => this.conn.db.prepare(`UPDATE ${TABLE} SET ${sets.join(', ')} WHERE id = @id`).run(params));
    return r.changes ? this.get(id) : null;
  }

  async deleteTemplate(id: string): Promise<boolean> {
    return this.conn.guard(() => this.conn.db.prepare(`DELETE FROM ${TABLE} WHERE id = ?`).run(id).changes === 1);
  }

  private get(id: string): Template | null {
    const row = this.conn.db.prepare(`SELECT * FROM ${TABLE} WHERE id = ?`).get(id) as TemplateRow | undefined;
    return row ? rowToTemplate(row) : null;
  }
}
