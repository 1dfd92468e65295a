/** Reply templates on MongoDB: one document per template, its bodies per language in one field. */
import { randomUUID } from 'node:crypto';
import type { Collection, Db, IndexDescription } from 'mongodb';
import { TEMPLATES_COLLECTION } from '../../store/mongodb/collection-names';
import { cleanBodies, type NewTemplate, type Template, type TemplatePatch, type TemplateStore } from './template-store';

interface TemplateDoc {
  _id: string;
  key: string;
  name: string;
  bodies: Template['bodies'];
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

const INDEXES: IndexDescription[] = [{ key: { key: 1 }, name: 'key_unique', unique: true }];

function docToTemplate(doc: TemplateDoc): Template {
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

export class MongoTemplateStore implements TemplateStore {
  private readonly templates: Collection<TemplateDoc>;

  constructor(db: Db) {
    this.templates = db.collection<TemplateDoc>(TEMPLATES_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.templates.createIndexes(INDEXES);
  }

  async createTemplate(t: NewTemplate): Promise<Template> {
    const now = new Date().toISOString();
    const doc: TemplateDoc = { _id: randomUUID(), key: t.key, name: t.name, bodies: cleanBodies(t.bodies), createdAt: now, updatedAt: now, updatedBy: t.updatedBy };
    await this.templates.insertOne(doc);
    return docToTemplate(doc);
  }

  async getTemplate(id: string): Promise<Template | null> {
    const doc = await this.templates.findOne({ _id: id });
    return doc ? docToTemplate(doc) : null;
  }

  async getTemplateByKey(key: string): Promise<Template | null> {
    const doc = await this.templates.findOne({ key });
    return doc ? docToTemplate(doc) : null;
  }

  async listTemplates(): Promise<Template[]> {
    return (await this.templates.find({}).sort({ key: 1 }).toArray()).map(docToTemplate);
  }

  async updateTemplate(id: string, patch: TemplatePatch): Promise<Template | null> {
    const set: Partial<TemplateDoc> = { updatedAt: new Date().toISOString(), updatedBy: patch.updatedBy };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.bodies !== undefined) set.bodies = cleanBodies(patch.bodies);
    const doc = await this.templates.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' });
    return doc ? docToTemplate(doc) : null;
  }

  async deleteTemplate(id: string): Promise<boolean> {
    return (await this.templates.deleteOne({ _id: id })).deletedCount === 1;
  }
}
