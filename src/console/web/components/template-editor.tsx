/**
 * Creating or editing a reply template: key (fixed once saved), name, and the Arabic and English
 * bodies side by side, each with buttons that insert the allowed variables and a live preview
 * filled with sample values. The server is the judge of variables: its 422 is shown next to the
 * body it concerns, and focus moves to the first field in error.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { DOMAINS, type Domain } from '../../../domain/classification';
import type { Template, TemplateLang } from '../../../templates/store/template-store';
import { TEMPLATE_VARIABLES, braceProblem, domainLabel, type BraceProblem, type TemplateVariables } from '../../../templates/template-variables';
import { ApiError, patch, post } from '../api';
import { label, useI18n, type Lang, type Translate } from '../i18n';
import { isSystemKey, segmentsOf, variableList } from '../template-segments';
import { TemplatePreview } from './template-preview';
import { Badge, Notice, messageOf } from './ui';

type Field = 'key' | 'name' | 'ar' | 'en';
type Errors = Partial<Record<Field, string>>;
/** Where in a body the server found a stray brace (UTF-16 index), to select it after a failed save. */
type ErrorAt = Partial<Record<TemplateLang, number>>;
const LANGS: TemplateLang[] = ['ar', 'en'];
const FIELD_IDS: Record<Field, string> = { key: 'tpl-key', name: 'tpl-name', ar: 'tpl-body-ar', en: 'tpl-body-en' };

export function TemplateEditor(props: { template?: Template; onSaved: (t: Template, created: boolean) => void }) {
  const { t, lang: uiLang } = useI18n();
  const existing = props.template;
  const [key, setKey] = useState(existing?.key ?? '');
  const [name, setName] = useState(existing?.name ?? '');
  const [bodies, setBodies] = useState<Record<TemplateLang, string>>({ ar: existing?.bodies.ar ?? '', en: existing?.bodies.en ?? '' });
  const [sample, setSample] = useState<{ name: string; case_number: string; domain: Domain }>({ name: t('sampleName'), case_number: 'MOW-2026-000123', domain: 'roads' });
  const [errors, setErrors] = useState<Errors>({});
  const [errorAt, setErrorAt] = useState<ErrorAt>({});
  const [general, setGeneral] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [focusError, setFocusError] = useState(0);

  useEffect(() => {
    const first = (['key', 'name', 'ar', 'en'] as Field[]).find((f) => errors[f]);
    if (!first) return;
    const el = document.getElementById(FIELD_IDS[first]);
    el?.focus();
    const at = first === 'ar' || first === 'en' ? errorAt[first] : undefined;
    if (at !== undefined && el instanceof HTMLTextAreaElement) el.setSelectionRange(at, at + 1);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only after a failed save
  }, [focusError]);

  const system = isSystemKey(existing?.key ?? key);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setErrorAt({});
    setGeneral(undefined);
    const sent: Partial<Record<TemplateLang, string>> = {};
    for (const l of LANGS) if (bodies[l].trim()) sent[l] = bodies[l];
    // An update names both languages: an emptied one is sent as "" so the server removes it (a language left out is kept).
    const edited: Record<TemplateLang, string> = { ar: sent.ar ?? '', en: sent.en ?? '' };
    try {
      const saved = existing
        ? await patch<Template>(`/api/templates/${encodeURIComponent(existing.id)}`, { name: name.trim(), bodies: edited })
        : await post<Template>('/api/templates', { key: key.trim(), name: name.trim(), bodies: sent });
      props.onSaved(saved, !existing);
    } catch (err) {
      const found = fieldErrors(err, t, uiLang);
      setErrors(found.fields);
      setErrorAt(found.at ?? {});
      setGeneral(found.general);
      setFocusError((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const vars = (l: TemplateLang): TemplateVariables => ({ name: sample.name, case_number: sample.case_number, domain: domainLabel(sample.domain, l) });

  return (
    <form class="tpl-editor" onSubmit={submit} aria-labelledby="tpl-editor-title" data-testid="template-editor">
      <div class="page-head">
        <h2 id="tpl-editor-title">{existing ? t('editTemplate') : t('newTemplate')}</h2>
        {system && <Badge tone="system">{t('systemTemplate')}</Badge>}
      </div>
      {system && (
        <p class="muted small" data-testid="system-template-help">
          {t('systemTemplateHelp')}
        </p>
      )}

      <div class="tpl-meta">
        <div class="field">
          <label for="tpl-key">{t('templateKey')}</label>
          <input
            id="tpl-key"
            dir="ltr"
            class="mono"
            value={key}
            readOnly={!!existing}
            required
            pattern="[a-z][a-z0-9_]{1,63}"
            maxLength={64}
            autoComplete="off"
            spellcheck={false}
            aria-invalid={!!errors.key}
            aria-describedby={`tpl-key-help${errors.key ? ' tpl-key-error' : ''}`}
            onInput={(e) => setKey((e.target as HTMLInputElement).value)}
          />
          <p id="tpl-key-help" class="muted small">
            {existing ? t('templateKeyLocked') : t('templateKeyHelp')}
          </p>
          <FieldError id="tpl-key-error" text={errors.key} />
        </div>
        <div class="field">
          <label for="tpl-name">{t('templateName')}</label>
          <input
            id="tpl-name"
            dir="auto"
            value={name}
            required
            maxLength={200}
            aria-invalid={!!errors.name}
            aria-describedby={errors.name ? 'tpl-name-error' : undefined}
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
          />
          <FieldError id="tpl-name-error" text={errors.name} />
        </div>
      </div>

      <fieldset class="tpl-sample">
        <legend>{t('sampleValues')}</legend>
        <div class="field">
          <label for="sample-name">{t('var_name')}</label>
          <input id="sample-name" dir="auto" value={sample.name} onInput={(e) => setSample({ ...sample, name: (e.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="sample-case">{t('var_case_number')}</label>
          <input id="sample-case" dir="ltr" value={sample.case_number} onInput={(e) => setSample({ ...sample, case_number: (e.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="sample-domain">{t('var_domain')}</label>
          <select id="sample-domain" value={sample.domain} onChange={(e) => setSample({ ...sample, domain: (e.target as HTMLSelectElement).value as Domain })}>
            {DOMAINS.map((d) => (
              <option key={d} value={d}>
                {label(t, 'domain', d)}
              </option>
            ))}
          </select>
        </div>
      </fieldset>

      <p class="muted small">
        {t('templatesHelp')}{' '}
        {TEMPLATE_VARIABLES.map((v) => (
          <code key={v} class="var-chip" dir="ltr">{`{${v}}`}</code>
        ))}
      </p>
      <div class="tpl-bodies">
        {LANGS.map((l) => (
          <BodyField
            key={l}
            lang={l}
            value={bodies[l]}
            error={errors[l]}
            onChange={(v) => setBodies((b) => ({ ...b, [l]: v }))}
            preview={<TemplatePreview lang={l} segments={segmentsOf(bodies[l], vars(l))} />}
          />
        ))}
      </div>

      {general && <Notice kind="error">{general}</Notice>}
      <div class="row wrap tpl-actions">
        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="save-template">
          {existing ? t('save') : t('createTemplate')}
        </button>
        <span class="muted small" aria-live="polite">
          {busy ? t('loading') : ''}
        </span>
      </div>
    </form>
  );
}

function BodyField(props: { lang: TemplateLang; value: string; error?: string; onChange: (v: string) => void; preview: ComponentChildren }) {
  const { t } = useI18n();
  const area = useRef<HTMLTextAreaElement>(null);
  const id = FIELD_IDS[props.lang];
  const langName = t(`lang_${props.lang}`);
  const stray = braceProblem(props.value);
  // Inserts at the caret (or replaces the selection) and puts the caret after the variable.
  const insert = (name: string) => {
    const el = area.current;
    const token = `{${name}}`;
    if (!el) return props.onChange(props.value + token);
    const start = el.selectionStart ?? props.value.length;
    const end = el.selectionEnd ?? start;
    props.onChange(props.value.slice(0, start) + token + props.value.slice(end));
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(start + token.length, start + token.length);
    });
  };
  return (
    <div class="tpl-body">
      <div class="field">
        <label for={id}>{props.lang === 'ar' ? t('bodyAr') : t('bodyEn')}</label>
        <textarea
          id={id}
          ref={area}
          rows={6}
          lang={props.lang}
          dir={props.lang === 'ar' ? 'rtl' : 'ltr'}
          maxLength={5000}
          value={props.value}
          aria-invalid={!!props.error}
          aria-describedby={props.error ? `${id}-error` : undefined}
          onInput={(e) => props.onChange((e.target as HTMLTextAreaElement).value)}
          data-testid={`body-${props.lang}`}
        />
        <FieldError id={`${id}-error`} text={props.error} testId={`body-${props.lang}-error`} />
        {!props.error && stray && (
          <p class="small tpl-hint" data-testid={`body-${props.lang}-brace-hint`}>
            {t('braceHint', { problem: braceMessage(t, stray) })}
          </p>
        )}
      </div>
      <div class="var-buttons" role="group" aria-label={t('insertVariable', { lang: langName })}>
        {TEMPLATE_VARIABLES.map((v) => (
          <button key={v} type="button" class="btn btn-small btn-ghost mono" dir="ltr" onClick={() => insert(v)}>
            {`+ {${v}}`}
          </button>
        ))}
      </div>
      {props.preview}
    </div>
  );
}

function FieldError({ id, text, testId }: { id: string; text?: string; testId?: string }) {
  if (!text) return null;
  return (
    <p id={id} class="field-error" role="alert" data-testid={testId}>
      {text}
    </p>
  );
}

/** "The “{” at character 19 is never closed": what is wrong with a stray brace, and where. */
export function braceMessage(t: Translate, p: Pick<BraceProblem, 'kind' | 'position'>): string {
  return t(p.kind === 'unopened' ? 'braceUnopened' : 'braceUnclosed', { position: p.position });
}

/** Maps the API's error shapes onto the fields they concern. */
function fieldErrors(err: unknown, t: Translate, lang: Lang): { fields: Errors; at?: ErrorAt; general?: string } {
  if (!(err instanceof ApiError)) return { fields: {}, general: messageOf(err) };
  const details = (err.details ?? {}) as Record<string, unknown>;
  if (err.code === 'template_brace_unbalanced') {
    const problems = (details.problems ?? {}) as Partial<Record<TemplateLang, BraceProblem>>;
    const fields: Errors = {};
    const at: ErrorAt = {};
    for (const l of LANGS) {
      const p = problems[l];
      if (!p) continue;
      fields[l] = braceMessage(t, p);
      at[l] = p.index;
    }
    return Object.keys(fields).length ? { fields, at } : { fields, general: err.message };
  }
  if (err.code === 'unknown_template_variable') {
    const unknown = (details.unknown ?? {}) as Partial<Record<TemplateLang, string[]>>;
    const fields: Errors = {};
    for (const l of LANGS) {
      const names = unknown[l];
      if (names?.length) fields[l] = t('unknownVarsError', { vars: variableList(names, lang), allowed: variableList(TEMPLATE_VARIABLES, lang) });
    }
    return Object.keys(fields).length ? { fields } : { fields, general: err.message };
  }
  if (err.code === 'template_body_required') return { fields: { ar: t('bodyRequired'), en: t('bodyRequired') } };
  if (err.code === 'template_case_number_required') {
    const fields: Errors = {};
    for (const f of Array.isArray(details.fields) ? details.fields : []) if (f === 'bodies.ar' || f === 'bodies.en') fields[f.slice(7) as TemplateLang] = t('caseNumberRequired');
    return Object.keys(fields).length ? { fields } : { fields, general: messageOf(err) };
  }
  if (err.code === 'template_key_taken') return { fields: { key: t('keyTaken') } };
  if (err.status === 400) {
    const fields: Errors = {};
    for (const [k, msg] of Object.entries(details)) {
      const f = k === 'bodies.ar' ? 'ar' : k === 'bodies.en' ? 'en' : k;
      if (f === 'key' || f === 'name' || f === 'ar' || f === 'en') fields[f] = String(msg);
    }
    if (Object.keys(fields).length) return { fields };
  }
  return { fields: {}, general: messageOf(err) };
}
