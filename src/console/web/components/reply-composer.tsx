/**
 * Writing a reply: pick a template (the server fills its variables from the mention and its case;
 * the agent may change them), or write freely; the length is measured live by the channel's rules.
 * The server decides whether the reply goes straight to the outbox or to a supervisor first, and
 * says which. Once sent, the composer folds into a note of where the reply is (a second click
 * cannot make a second reply); the author's rejected reply comes with its reason and can be
 * loaded back to edit and send again.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Mention } from '../../../domain/mention';
import type { Reply } from '../../../domain/reply';
import type { Template, TemplateLang } from '../../../templates/store/template-store';
import { approvalNeed } from '../../../replies/approval-policy';
import { braceProblem, leftoverPlaceholder, variablesIn } from '../../../templates/template-variables';
import { ApiError, get, itemsOf, post } from '../api';
import { label, useI18n } from '../i18n';
import { measureReply } from '../reply-length';
import { settings } from '../settings';
import type { SessionUser } from '../session';
import { useLoad } from '../use-load';
import { isSystemKey } from '../template-segments';
import { Notice, messageOf } from './ui';

type Vars = Partial<Record<'name' | 'case_number' | 'domain', string>>;

/** POST /api/mentions/:id/replies/preview: the text as the server will send it. */
interface ReplyPreview {
  text: string;
  lang: TemplateLang;
  variables: Vars;
}

export function ReplyComposer(props: {
  mention: Mention;
  user: SessionUser;
  claimedByMe: boolean;
  heldByOther: boolean;
  onSent: (reply: Reply) => void | Promise<void>;
  /** The mention's replies, newest first: the author's own waiting or rejected one shapes the composer. */
  replies?: Reply[];
}) {
  const { t } = useI18n();
  const m = props.mention;
  const templates = useLoad(() => get<unknown>('/api/templates').then((d) => itemsOf<Template>(d).filter(offeredToAgents)), []);
  const [templateId, setTemplateId] = useState('');
  const [replyLang, setReplyLang] = useState<TemplateLang>(m.lang === 'en' ? 'en' : 'ar');
  const [vars, setVars] = useState<Vars>({});
  const [serverVars, setServerVars] = useState<Vars>({});
  const [text, setText] = useState('');
  const [edited, setEdited] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  // busy is state, so a second click in the same frame still sees false: this ref does not wait for a render
  const submitting = useRef(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [sent, setSent] = useState<Reply | undefined>(undefined);
  const [writing, setWriting] = useState(false);
  const ownLatest = props.replies?.find((r) => r.author === props.user.id);
  // the composer may stay mounted while the page moves to another post: what was sent here stays here
  const sentHere = sent?.mentionId === m.id ? sent : undefined;
  const pendingReply = sentHere ?? (ownLatest?.state === 'awaiting_approval' && ownLatest.mentionId === m.id ? ownLatest : undefined);
  const pending = pendingReply && (props.replies?.find((r) => r.id === pendingReply.id) ?? pendingReply);
  const showPending = !writing && !!pending && (pending.state === 'awaiting_approval' || pending.state === 'queued');
  const rejected = ownLatest?.state === 'rejected' && ownLatest.mentionId === m.id ? ownLatest : undefined;
  useEffect(() => setWriting(false), [m.id]);

  const template = templates.data?.find((x) => x.id === templateId);
  const otherLang: TemplateLang = replyLang === 'ar' ? 'en' : 'ar';
  // A template without text in the reply's language fills nothing: an English reply never gets
  // the Arabic text unasked. The agent writes it, or switches the reply language in one click.
  const noText = !!template && !template.bodies[replyLang]?.trim();
  const body = template && !noText ? template.bodies[replyLang] ?? '' : '';
  // A template saved before stray braces were refused: the server will not render it either.
  const broken = body ? braceProblem(body) : null;
  const needed = broken ? [] : variablesIn(body);

  // The server fills the variables (the same code that fills the reply it queues); a short pause
  // lets the agent type a value without a request per key.
  useEffect(() => {
    if (!template) return;
    if (noText || broken) {
      setText('');
      setEdited(false);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      post<ReplyPreview>(`/api/mentions/${encodeURIComponent(m.id)}/replies/preview`, { templateId: template.id, variables: stripEmpty(vars), lang: replyLang })
        .then((p) => {
          if (!current) return;
          setError(undefined);
          setServerVars(p.variables);
          setText(p.text);
          setEdited(false);
        })
        .catch((err) => {
          if (!current) return;
          // A variable with no value yet (e.g. {case_number} before a case exists): show the
          // placeholders so the agent sees what to fill in.
          if (err instanceof ApiError && err.code === 'missing_template_variable') setText(body);
          else {
            // Never leave another template's text (or a stale fill) under this template's name.
            setText('');
            setError(messageOf(err));
          }
          setEdited(false);
        });
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-fill on template, language or variable change
  }, [templateId, replyLang, JSON.stringify(vars)]);

  const measured = measureReply(m.network, text);
  const tooLong = measured.max !== null && measured.length > measured.max;
  // Never send a placeholder: "{case_number}" left unfilled, or "{case_number" with its brace lost.
  const leftover = leftoverPlaceholder(text) ?? (template && !edited && /\{[^{}]*\}/.test(text) ? /\{[^{}]*\}/.exec(text)?.[0] ?? null : null);
  const unfilled = !!leftover || !!broken || (noText && !edited);
  // The same rule the reply service applies (APPROVAL_URGENCIES, APPROVAL_FOR_TRAINEES, sent by the server).
  const approval = approvalNeed(settings.approval, { kind: 'user', role: props.user.role, trainee: props.user.trainee }, m.classification.urgency);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!text.trim() || tooLong || unfilled || submitting.current) return;
    submitting.current = true;
    setBusy(true);
    setError(undefined);
    try {
      const body = template && !edited ? { templateId: template.id, variables: stripEmpty(vars), lang: replyLang } : { text: text.trim() };
      const reply = await post<Reply>(`/api/mentions/${encodeURIComponent(m.id)}/replies`, body);
      setText('');
      setTemplateId('');
      setVars({});
      setSent(reply);
      setWriting(false);
      await props.onSent(reply);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      submitting.current = false;
      setBusy(false);
    }
  };

  const editRejected = (r: Reply) => {
    setTemplateId('');
    setText(r.text);
    setEdited(true);
    textarea.current?.focus();
  };

  if (showPending && pending)
    return (
      <section class="composer composer-done" aria-labelledby="composer-title" data-testid="composer-done" data-state={pending.state}>
        <h3 id="composer-title" class="section-title">
          {t('composer')}
        </h3>
        <Notice kind="ok">{pending.state === 'awaiting_approval' ? t('composerAwaiting') : t('composerQueued')}</Notice>
        <button type="button" class="btn btn-secondary" onClick={() => (setSent(undefined), setWriting(true))} data-testid="write-another">
          {t('writeAnother')}
        </button>
      </section>
    );

  return (
    <form class="composer" onSubmit={submit} aria-labelledby="composer-title" data-testid="composer">
      <h3 id="composer-title" class="section-title">
        {t('composer')}
      </h3>
      {!props.claimedByMe && !props.heldByOther && <p class="muted small">{t('claimFirst')}</p>}
      {rejected && (
        <div class="notice notice-warn composer-rejected" role="status" data-testid="composer-rejected">
          <p>
            {t('composerRejected', { r: '\u2068' + (rejected.error ?? '') + '\u2069' })}
          </p>
          <button type="button" class="btn btn-small btn-secondary" onClick={() => editRejected(rejected)} data-testid="edit-rejected">
            {t('editRejected')}
          </button>
        </div>
      )}
      <div class="composer-row">
        <div class="field">
          <label for="reply-template">{t('template')}</label>
          <select id="reply-template" value={templateId} onChange={(e) => setTemplateId((e.target as HTMLSelectElement).value)} data-testid="reply-template">
            <option value="">{t('noTemplate')}</option>
            {(templates.data ?? []).map((tpl) => {
              const only = onlyLang(tpl);
              return (
                <option key={tpl.id} value={tpl.id}>
                  {only && only !== replyLang ? `${tpl.name} (${t('templateOnlyIn', { lang: t(`textLang_${only}`) })})` : tpl.name}
                </option>
              );
            })}
          </select>
        </div>
        <div class="field">
          <label for="reply-lang">{t('replyLang')}</label>
          <select id="reply-lang" value={replyLang} onChange={(e) => setReplyLang((e.target as HTMLSelectElement).value as TemplateLang)}>
            <option value="ar">{t('lang_ar')}</option>
            <option value="en">{t('lang_en')}</option>
          </select>
        </div>
      </div>
      {template && noText && (
        <div class="notice notice-warn" role="status" data-testid="template-no-text">
          <p>
            {t('templateNoText', {
              name: template.name,
              lang: t(`textLang_${replyLang}`),
              lang_adj: t(`lang_adj_${replyLang}`),
              other: t(`theTextLang_${otherLang}`),
            })}
          </p>
          <button type="button" class="btn btn-small btn-secondary" onClick={() => setReplyLang(otherLang)} data-testid="use-other-lang">
            {t('useTemplateIn', { other: t(`theTextLang_${otherLang}`) })}
          </button>
        </div>
      )}
      {template && broken && (
        <Notice kind="error">
          <span data-testid="template-broken">{t('templateBroken', { name: template.name, char: broken.char, position: broken.position })}</span>
        </Notice>
      )}
      {template && needed.length > 0 && (
        <fieldset class="vars">
          <legend>{t('variables')}</legend>
          {needed.map((name) => (
            <div class="field" key={name}>
              <label for={`var-${name}`}>{label(t, 'var', name)}</label>
              <input
                id={`var-${name}`}
                value={vars[name as keyof Vars] ?? serverVars[name as keyof Vars] ?? ''}
                onInput={(e) => setVars({ ...vars, [name]: (e.target as HTMLInputElement).value })}
                dir="auto"
              />
            </div>
          ))}
        </fieldset>
      )}
      <div class="field">
        <label for="reply-text">{t('replyText')}</label>
        <textarea
          ref={textarea}
          id="reply-text"
          rows={5}
          dir="auto"
          value={text}
          aria-describedby="reply-count"
          aria-invalid={tooLong}
          onInput={(e) => {
            setText((e.target as HTMLTextAreaElement).value);
            setEdited(true);
          }}
        />
      </div>
      <div class="composer-foot">
        <Counter id="reply-count" length={measured.length} max={measured.max} network={m.network} />
        <button type="submit" class="btn btn-primary" disabled={busy || !text.trim() || tooLong || unfilled || !props.claimedByMe} data-testid="send-reply">
          {busy ? t('sending') : approval ? t('sendForApproval') : t('send')}
        </button>
      </div>
      {approval && (
        <p class="muted small" data-testid="approval-hint">
          {approval === 'trainee' ? t('approvalForTrainee') : t('approvalForUrgency', { urgency: t(`urgency_${m.classification.urgency}`) })}
        </p>
      )}
      {tooLong && <Notice kind="error">{t('tooLong')}</Notice>}
      {leftover && text.trim() && (
        <Notice kind="error">
          <span data-testid="placeholder-left">
            {t('placeholderLeft', { ph: '\u2068' + leftover + '\u2069' })}
          </span>
        </Notice>
      )}
      {error && <Notice kind="error">{error}</Notice>}
    </form>
  );
}

function Counter({ id, length, max, network }: { id: string; length: number; max: number | null; network: string }) {
  const { t } = useI18n();
  if (max === null)
    return (
      <span id={id} class="counter muted small">
        {t('charCountFree', { n: length, count: length })}
      </span>
    );
  const ratio = Math.min(1, length / max);
  const tone = length > max ? 'over' : ratio > 0.9 ? 'near' : 'ok';
  return (
    <span id={id} class={`counter counter-${tone}`} data-testid="char-count" aria-label={t('charCountLabel', { n: length, max, channel: label(t, 'channel', network) })}>
      <span class="meter" aria-hidden="true">
        <span style={{ inlineSize: `${Math.round(ratio * 100)}%` }} />
      </span>
      <span dir="ltr">{t('charCount', { n: length, max })}</span>
    </span>
  );
}

/**
 * The automatic status notices (case_resolved, case_closed, …) tell the citizen where the case
 * stands as the system records it: a person picking one could announce «resolved» on a case still
 * open. The acknowledgement (case_ack: "we registered your report as …") is a fair reply by hand.
 */
function offeredToAgents(tpl: Template): boolean {
  return tpl.key === 'case_ack' || !isSystemKey(tpl.key);
}

/** The one language a template has text in, when it has only one. */
function onlyLang(tpl: Template): TemplateLang | undefined {
  const has = (['ar', 'en'] as const).filter((l) => tpl.bodies[l]?.trim());
  return has.length === 1 ? has[0] : undefined;
}

function stripEmpty(v: Vars): Vars {
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x && x.trim())) as Vars;
}

