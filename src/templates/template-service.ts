/**
 * Reply templates: CRUD (supervisors and admins, enforced by the routes), variable checks at save
 * time, rendering in the mention's language, and the default templates seeded on first start.
 */
import type { Mention } from '../domain';
import { ConflictError, NotFoundError, UnprocessableError } from '../errors';
import { AuditLog, subject } from '../audit/audit-log';
import { DEFAULT_TEMPLATES } from './default-templates';
import { salutationName } from './salutation-name';
import { assertBalancedBraces, assertKnownVariables, domainLabel, renderTemplate, withoutEmpty, type TemplateVariables } from './template-variables';
import type { Template, TemplateLang, TemplateStore } from './store/template-store';

export interface TemplateInput {
  key: string;
  name: string;
  bodies: Partial<Record<TemplateLang, string>>;
}

/** An update's bodies: a body replaces its language's, null or "" removes it, a language left out is kept. */
export type BodiesPatch = Partial<Record<TemplateLang, string | null>>;

export interface RenderedTemplate {
  text: string;
  lang: TemplateLang;
  template: Template;
  /** The value each variable had (defaults from the mention, overridden by the caller's). */
  variables: TemplateVariables;
}

export class TemplateService {
  constructor(
    private readonly store: TemplateStore,
    private readonly audit: AuditLog,
  ) {}

  list(): Promise<Template[]> {
    return this.store.listTemplates();
  }

  async get(id: string): Promise<Template> {
    const t = await this.store.getTemplate(id);
    if (!t) throw new NotFoundError('template', id);
    return t;
  }

  getByKey(key: string): Promise<Template | null> {
    return this.store.getTemplateByKey(key);
  }

  async create(actor: string, input: TemplateInput): Promise<Template> {
    assertBodies(input.bodies);
    if (await this.store.getTemplateByKey(input.key)) throw new ConflictError('template_key_taken', `a template with key ${input.key} exists`, { key: input.key });
    assertCaseNumberKept(input.key, input.bodies);
    const t = await this.store.createTemplate({ ...input, updatedBy: actor });
    await this.audit.record({ actor, action: 'template.created', subject: subject('template', t.id), after: { key: t.key, name: t.name, bodies: t.bodies } });
    return t;
  }

  async update(actor: string, id: string, patch: { name?: string; bodies?: BodiesPatch }): Promise<Template> {
    const before = await this.get(id);
    // A PATCH that names one language leaves the other as it was (it used to remove it): the
    // store replaces both, so it is given the merged pair.
    const bodies = patch.bodies ? mergeBodies(before.bodies, patch.bodies) : undefined;
    if (bodies) {
      assertBodies(bodies);
      assertCaseNumberKept(before.key, bodies);
    }
    // Nothing changes (the console saved the form as it was): no new version, no audit entry.
    const sameName = patch.name === undefined || patch.name === before.name;
    if (sameName && (!bodies || sameBodies(bodies, before.bodies))) return before;
    const after = (await this.store.updateTemplate(id, { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(bodies ? { bodies } : {}), updatedBy: actor })) as Template;
    await this.audit.record({
      actor,
      action: 'template.updated',
      subject: subject('template', id),
      before: { name: before.name, bodies: before.bodies },
      after: { name: after.name, bodies: after.bodies },
    });
    return after;
  }

  async remove(actor: string, id: string): Promise<void> {
    const before = await this.get(id);
    // Automatic replies (acknowledgement, status notices) look these up by key: edit, don't delete.
    if (isSystemTemplateKey(before.key)) {
      throw new ConflictError('template_in_use', `template ${before.key} is used by automatic replies: edit it instead of deleting it`, { key: before.key });
    }
    await this.store.deleteTemplate(id);
    await this.audit.record({ actor, action: 'template.deleted', subject: subject('template', id), before: { key: before.key, name: before.name, bodies: before.bodies } });
  }

  /** renderForMention (below): the one way a template becomes a reply's text. */
  render(template: Template, mention: Mention, vars: TemplateVariables, lang?: TemplateLang): RenderedTemplate {
    return renderForMention(template, mention, vars, lang);
  }

  /** First start: creates the default templates that are missing (by key). */
  async seedDefaults(): Promise<number> {
    let created = 0;
    for (const t of DEFAULT_TEMPLATES) {
      if (await this.store.getTemplateByKey(t.key)) continue;
      await this.store.createTemplate({ ...t, updatedBy: 'system' });
      created++;
    }
    return created;
  }
}

function assertBodies(bodies: Partial<Record<TemplateLang, string>>): void {
  if (!bodies.ar?.trim() && !bodies.en?.trim()) {
    throw new UnprocessableError('template_body_required', 'a template needs an Arabic or an English body', { bodies: 'ar or en required' });
  }
  assertBalancedBraces(bodies);
  assertKnownVariables(bodies);
}

function mergeBodies(current: Partial<Record<TemplateLang, string>>, patch: BodiesPatch): Partial<Record<TemplateLang, string>> {
  const merged = { ...current };
  for (const lang of Object.keys(patch) as TemplateLang[]) {
    const body = patch[lang];
    if (body === null || body === undefined || !body.trim()) delete merged[lang];
    else merged[lang] = body;
  }
  return merged;
}

function sameBodies(a: Partial<Record<TemplateLang, string>>, b: Partial<Record<TemplateLang, string>>): boolean {
  return (['ar', 'en'] as const).every((lang) => (a[lang] ?? '') === (b[lang] ?? ''));
}

/**
 * The automatic case replies (acknowledgement, status notices) exist to give the citizen their
 * case number: a system template's every body must keep {case_number}.
 */
function assertCaseNumberKept(key: string, bodies: Partial<Record<TemplateLang, string>>): void {
  if (!isSystemTemplateKey(key)) return;
  const without = (Object.keys(bodies) as TemplateLang[]).filter((l) => bodies[l]?.trim() && !bodies[l]?.includes('{case_number}'));
  if (without.length) {
    throw new UnprocessableError('template_case_number_required', `template ${key} is sent by automatic case replies: every body must keep {case_number}`, {
      key,
      fields: without.map((l) => `bodies.${l}`),
    });
  }
}

/** Keys the case replies use: case_ack and case_<status> (case_in_progress, case_resolved, ...). */
export function isSystemTemplateKey(key: string): boolean {
  return key === 'case_ack' || /^case_(open|in_progress|resolved|closed)$/.test(key);
}

/**
 * Renders a template for a mention: its language when the template has it (else the other one);
 * {name} and {domain} default from the mention, {case_number} must be given (the reply service
 * gives it from the mention's case). Pure: the demo's history writes notices with it too.
 */
export function renderForMention(template: Template, mention: Mention, vars: TemplateVariables, lang?: TemplateLang): RenderedTemplate {
  const wanted: TemplateLang = lang ?? (mention.lang === 'en' ? 'en' : 'ar');
  const chosen: TemplateLang = template.bodies[wanted] ? wanted : wanted === 'ar' ? 'en' : 'ar';
  const body = template.bodies[chosen] as string;
  const filled: TemplateVariables = {
    name: salutationName(mention.author),
    domain: domainLabel(mention.classification.primaryDomain, chosen),
    ...withoutEmpty(vars),
  };
  return { text: renderTemplate(body, filled, chosen), lang: chosen, template, variables: withoutEmpty(filled) };
}
