/**
 * The templates feature's store port: reply templates, one per stable key, with a body per
 * language. Adapters beside it: SQLite, MongoDB and an in-memory fake, one contract suite.
 */
export type TemplateLang = 'ar' | 'en';

export interface Template {
  id: string;
  /** Stable slug used by automatic replies, e.g. 'case_ack', 'case_resolved'. */
  key: string;
  name: string;
  /** At least one of the two languages is present. */
  bodies: Partial<Record<TemplateLang, string>>;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export interface NewTemplate {
  key: string;
  name: string;
  bodies: Partial<Record<TemplateLang, string>>;
  updatedBy: string;
}

export type TemplatePatch = Partial<Pick<Template, 'name' | 'bodies'>> & { updatedBy: string };

export interface TemplateStore {
  /** Fails (unique key) when a template with the same key exists. */
  createTemplate(t: NewTemplate): Promise<Template>;
  getTemplate(id: string): Promise<Template | null>;
  getTemplateByKey(key: string): Promise<Template | null>;
  /** Ordered by key. */
  listTemplates(): Promise<Template[]>;
  /** `bodies` replaces both languages (a language left out is removed). Null when unknown. */
  updateTemplate(id: string, patch: TemplatePatch): Promise<Template | null>;
  /** True when a template was deleted. */
  deleteTemplate(id: string): Promise<boolean>;
}

/** Only non-empty bodies: an empty body is no language. */
export function cleanBodies(bodies: Template['bodies']): Template['bodies'] {
  const out: Template['bodies'] = {};
  if (bodies.ar) out.ar = bodies.ar;
  if (bodies.en) out.en = bodies.en;
  return out;
}
