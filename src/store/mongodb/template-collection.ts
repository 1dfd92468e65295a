/** Reply templates on MongoDB: one document per template, its bodies per language in one field. */
import { randomUUID } from 'node:crypto';
import type { Collection, Db, IndexDescription } from 'mongodb';
import type { NewTemplate, Template, TemplatePatch } from '../../domain';

export const TEMPLATES_COLLECTION = 'templates';

export interface TemplateDoc {
  _id: string;
  key: string;
  name: string;
  bodies: Template['bodies'];
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export const TEMPLATE_INDEXES: IndexDescription[] = [{ key: { key: 1 }, name: 'key_unique', unique: true }];

/** Only non-empty bodies, like the SQLite mapping (an empty column is no language). */
export function cleanBodies(bodies: Template['bodies']): Template['bodies'] {
  const out: Template['bodies'] = {};
  if (bodies.ar) out.ar = bodies.ar;
  if (bodies.en) out.en = bodies.en;
  return out;
}

export function docToTemplate(doc: TemplateDoc): Template {
  return {
    id: doc._id,
    key: doc.key,
    name: doc.name,
    bodies: cleanBodies(doc.bodies ?? {}),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    updatedBy: doc.updatedBy,
  };
}

export class TemplateCollection {
  private readonly templates: Collection<TemplateDoc>;

  constructor(db: Db) {
    this.templates = db.collection<TemplateDoc>(TEMPLATES_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.templates.createIndexes(TEMPLATE_INDEXES);
  }

  async create(t: NewTemplate): Promise<Template> {
    const now = new Date().toISOString();
    const doc: TemplateDoc = { _id: randomUUID(), key: t.key, name: t.name, bodies: cleanBodies(t.bodies), createdAt: now, updatedAt: now, updatedBy: t.updatedBy };
    await this.templates.insertOne(doc);
    return docToTemplate(doc);
  }

  async get(id: string): Promise<Template | null> {
    const doc = await this.templates.findOne({ _id: id });
    return doc ? docToTemplate(doc) : null;
  }

  async getByKey(key: string): Promise<Template | null> {
    const doc = await this.templates.findOne({ key });
    return doc ? docToTemplate(doc) : null;
  }

  async list(): Promise<Template[]> {
    return (await this.templates.find({}).sort({ key: 1 }).toArray()).map(docToTemplate);
  }

  /** `bodies` replaces both languages (a language left out is removed). */
  async update(id: string, patch: TemplatePatch): Promise<Template | null> {
    const set: Partial<TemplateDoc> = { updatedAt: new Date().toISOString(), updatedBy: patch.updatedBy };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.bodies !== undefined) set.bodies = cleanBodies(patch.bodies);
    const doc = await this.templates.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' });
    return doc ? docToTemplate(doc) : null;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.templates.deleteOne({ _id: id })).deletedCount === 1;
  }
}
