/**
 * Writing a reply: pick a template (the server fills its variables from the mention and its case;
 * the agent may change them), or write freely; the length is measured live by the channel's rules.
 * The server decides whether the reply goes straight to the outbox or to a supervisor first, and
 * says which. Once sent, the composer folds into a note of where the reply is (a second click
 * cannot make a second reply); the author's rejected reply comes with its reason and can be
 * loaded back to edit and send again. A post a person already answered says so, by whom and when,
 * and a second reply takes a second, explicit click. The unsent text is kept per post for the tab
 * (a session ending mid-reply does not lose it), and a text the agent edited by hand is never
 * replaced by the template's: a variable, the language or the template changed afterwards is
 * offered as a refill, one click away, not forced. Not reaching the server is said until the
 * server answers again, not until the next Send.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Mention } from '../../../domain/mention';
import type { Reply } from '../../../domain/reply';
import type { Template, TemplateLang } from '../../../templates/store/template-store';
import { ANSWERING_STATES } from '../../../replies/approval-block';
import { approvalNeed } from '../../../replies/approval-policy';
import { braceProblem, leftoverPlaceholder, variablesIn } from '../../../templates/template-variables';
import { ApiError, get, isNetworkError, itemsOf, post } from '../api';
import { formatDateTime } from '../format';
import { label, useI18n } from '../i18n';
import { measureReply } from '../reply-length';
import { settings } from '../settings';
import type { SessionUser } from '../session';
import { useLoad } from '../use-load';
import { nameOf, useUsers } from '../users';
import { isSystemKey } from '../template-segments';
import { isolated } from './isolated';
import { Notice, messageOf } from './ui';

type Vars = Partial<Record<'name' | 'case_number' | 'domain', string>>;

/** A failure shown under the composer; `unreachable`: the server could not be reached (so it goes once the server answers again). */
interface ShownError {
  text: string;
  unreachable: boolean;
}

/** What the template's text was last filled for: a fill held back says which of these changed since. */
interface FilledFor {
  templateId: string;
  lang: TemplateLang;
}

/** The linked case as GET /api/mentions/:id gives it (mention-routes.ts LinkedCase). */
interface LinkedCase {
  number: string;
  status: string;
}

/** A case already dealt with: "your report has been registered" (case_ack) would tell its citizen something false. */
const DONE_CASE: readonly string[] = ['resolved', 'closed'];

/** POST /api/mentions/:id/replies/preview: the text as the server will send it. */
interface ReplyPreview {
  text: string;
  lang: TemplateLang;
  variables: Vars;
  /** Variables with no value yet, still placeholders in the text. */
  missing: string[];
}

interface ComposerProps {
  /** The mention as its view gives it: with its linked case, when it has one. */
  mention: Mention & { linkedCase?: LinkedCase | null };
  user: SessionUser;
  claimedByMe: boolean;
  heldByOther: boolean;
  onSent: (reply: Reply) => void | Promise<void>;
  /** The mention's replies, newest first: the author's own waiting or rejected one shapes the composer. */
  replies?: Reply[];
}

/** One composer per post (the page may move to another post): its draft, template and confirmation stay with the post. */
export function ReplyComposer(props: ComposerProps) {
  return <Composer key={props.mention.id} {...props} />;
}

function Composer(props: ComposerProps) {
  const { t, lang } = useI18n();
  const m = props.mention;
  const templates = useLoad(() => get<unknown>('/api/templates').then((d) => itemsOf<Template>(d).filter(offeredToAgents)), []);
  const draftKey = `rasid.replyDraft.${props.user.id}.${m.id}`;
  const [saved] = useState(() => readDraft(draftKey));
  // A text edited by hand comes back as free text: filling its template again would undo the edits.
  const [templateId, setTemplateId] = useState(saved && !saved.edited ? saved.templateId : '');
  const [replyLang, setReplyLang] = useState<TemplateLang>(saved?.lang ?? (m.lang === 'en' ? 'en' : 'ar'));
  const [vars, setVars] = useState<Vars>(saved?.vars ?? {});
  const [serverVars, setServerVars] = useState<Vars>({});
  const [text, setText] = useState(saved?.text ?? '');
  const [edited, setEdited] = useState(saved?.edited ?? false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | undefined>(undefined);
  const fail = (err: unknown) => setError({ text: messageOf(err), unreachable: isNetworkError(err) });
  // busy is state, so a second click in the same frame still sees false: this ref does not wait for a render
  const submitting = useRef(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [sent, setSent] = useState<Reply | undefined>(undefined);
  const [writing, setWriting] = useState(false);
  const ownLatest = props.replies?.find((r) => r.author === props.user.id);
  const pendingReply = sent ?? (ownLatest?.state === 'awaiting_approval' ? ownLatest : undefined);
  const pending = pendingReply && (props.replies?.find((r) => r.id === pendingReply.id) ?? pendingReply);
  const showPending = !writing && !!pending && (pending.state === 'awaiting_approval' || pending.state === 'queued');
  const rejected = ownLatest?.state === 'rejected' ? ownLatest : undefined;
  const users = useUsers(props.user);
  // A reply the server named when it refused a second answer (409): this page had not seen it yet.
  const [refusedFor, setRefusedFor] = useState<Reply | undefined>(undefined);
  const answer = personAnswer([...(props.replies ?? []), ...(refusedFor ? [refusedFor] : [])]);
  const [confirming, setConfirming] = useState(false);
  const cancelSecond = useRef<HTMLButtonElement>(null);
  const sendButton = useRef<HTMLButtonElement>(null);
  // Escape or «إلغاء» closes the second-reply question and puts focus back on Send, as ConfirmAction does.
  const cancelConfirm = () => {
    setConfirming(false);
    requestAnimationFrame(() => sendButton.current?.focus());
  };
  useLayoutEffect(() => {
    if (confirming) cancelSecond.current?.focus(); // the safe choice, as ConfirmAction does
  }, [confirming]);

  // The template's text as last put in the box, and what for. The agent's own words (typed, or a
  // rejected reply loaded back) are never replaced by a later fill: it is held in `heldFill` and
  // offered instead. A text edited back to the fill, or emptied, has nothing to lose.
  const lastFill = useRef<{ text: string; for: FilledFor } | undefined>(
    saved && !saved.edited && saved.templateId ? { text: saved.text, for: { templateId: saved.templateId, lang: saved.lang } } : undefined,
  );
  const [heldFill, setHeldFill] = useState<{ text: string; changed: 'template' | 'lang' | 'value' } | undefined>(undefined);
  const live = useRef({ text, edited });
  live.current = { text, edited };
  const ownWords = () => live.current.edited && !!live.current.text.trim() && live.current.text !== lastFill.current?.text;
  const fillWith = (fill: string, templateIdNow: string, langNow: TemplateLang) => {
    lastFill.current = { text: fill, for: { templateId: templateIdNow, lang: langNow } };
    setHeldFill(undefined);
    setText(fill);
    setEdited(false);
  };

  // Not reaching the server is said until it answers again: here (a preview, the templates), or
  // when the page re-reads the post (a new mention object comes only from an answered request;
  // the replies list is no sign, as a failed read of it shows as an empty list).
  useEffect(() => setError((e) => (e?.unreachable ? undefined : e)), [m, templates.data]);

  useEffect(
    () => writeDraft(draftKey, text.trim() ? { text, templateId, vars, lang: replyLang, edited } : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- vars by value
    [draftKey, text, templateId, replyLang, edited, JSON.stringify(vars)],
  );

  const caseDone = !!m.linkedCase && DONE_CASE.includes(m.linkedCase.status);
  // The acknowledgement names the post's case: none on a post without one, nor on one already dealt with.
  const offered = (templates.data ?? []).filter((tpl) => !(tpl.key === 'case_ack' && (caseDone || !m.linkedCase)));
  const template = offered.find((x) => x.id === templateId);
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
    if (!template) {
      setHeldFill(undefined);
      return;
    }
    if (noText || broken) {
      // Nothing to fill; the agent's own words stay (the notice above says why nothing came).
      setHeldFill(undefined);
      if (!ownWords()) {
        setText('');
        setEdited(false);
      }
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      post<ReplyPreview>(`/api/mentions/${encodeURIComponent(m.id)}/replies/preview`, { templateId: template.id, variables: stripEmpty(vars), lang: replyLang })
        .then((p) => {
          if (!current) return;
          // A variable with no value yet (e.g. {case_number} on a post with no case) is in
          // p.missing and stays a placeholder in the text, so the agent sees which to fill.
          setError(undefined);
          setServerVars(p.variables);
          if (ownWords() && p.text !== live.current.text) {
            // Edited by hand: keep the agent's text, and offer this fill (it would lose the edits).
            const was = lastFill.current?.for;
            setHeldFill({ text: p.text, changed: was?.templateId !== template.id ? 'template' : was.lang !== replyLang ? 'lang' : 'value' });
            return;
          }
          fillWith(p.text, template.id, replyLang);
        })
        .catch((err) => {
          if (!current) return;
          setHeldFill(undefined);
          fail(err);
          // Never leave another template's text (or a stale fill) under this template's name; the agent's own words stay.
          if (ownWords()) return;
          setText('');
          setEdited(false);
        });
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-fill on template (also once the list has loaded a restored one), language or variable change
  }, [template?.id, replyLang, JSON.stringify(vars)]);

  const measured = measureReply(m.network, text);
  const tooLong = measured.max !== null && measured.length > measured.max;
  // Never send a placeholder: "{case_number}" left unfilled, or "{case_number" with its brace lost.
  const leftover = leftoverPlaceholder(text) ?? (template && !edited && /\{[^{}]*\}/.test(text) ? /\{[^{}]*\}/.exec(text)?.[0] ?? null : null);
  const unfilled = !!leftover || !!broken || (noText && !edited);
  // The same rule the reply service applies (APPROVAL_URGENCIES, APPROVAL_FOR_TRAINEES, sent by the server).
  const approval = approvalNeed(settings.approval, { kind: 'user', role: props.user.role, trainee: props.user.trainee }, m.classification.urgency);
  // A draft for approval on an answered post could never be approved (approval-block.ts).
  const noSecond = !!answer && !!approval;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!text.trim() || tooLong || unfilled || noSecond || submitting.current) return;
    // On a post already answered the first press only asks; the confirmation's button sends.
    if (answer && !confirming) return setConfirming(true);
    submitting.current = true;
    setBusy(true);
    setError(undefined);
    try {
      // A template goes with the text shown: if a colleague edited the template meanwhile, the
      // server sends nothing and returns the new text for a look (409 reply_text_changed).
      const body = template && !edited ? { templateId: template.id, variables: stripEmpty(vars), lang: replyLang, expectedText: text } : { text: text.trim() };
      const reply = await post<Reply>(`/api/mentions/${encodeURIComponent(m.id)}/replies`, answer ? { ...body, second: true } : body);
      setText('');
      setTemplateId('');
      setVars({});
      setConfirming(false);
      setSent(reply);
      setWriting(false);
      await props.onSent(reply);
    } catch (err) {
      // Answered meanwhile by a reply this page had not seen: show that one, and ask before sending.
      const changedTo = err instanceof ApiError && err.code === 'reply_text_changed' ? (err.details as { text?: string } | undefined)?.text : undefined;
      if (typeof changedTo === 'string' && template) {
        fillWith(changedTo, template.id, replyLang);
        setError({ text: t('err_reply_text_changed'), unreachable: false });
        void templates.reload(); // its variables and languages may have changed too
        return;
      }
      const answeredBy = err instanceof ApiError && err.code === 'mention_already_answered' ? (err.details as { replyId?: string } | undefined)?.replyId : undefined;
      const seen = answeredBy ? await get<Reply>(`/api/replies/${encodeURIComponent(answeredBy)}`).catch(() => undefined) : undefined;
      if (seen) setRefusedFor(seen);
      else fail(err);
    } finally {
      submitting.current = false;
      setBusy(false);
    }
  };

  const editRejected = (r: Reply) => {
    setTemplateId('');
    setHeldFill(undefined);
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
      {answer && (
        <div class="notice notice-warn" role="status" data-testid="composer-answered">
          <p>
            {/* The agent's own reply is theirs, said to them, not a third person under their own name. */}
            {answer.author === props.user.id
              ? isolated(t, 'composerAnsweredByYou', { s: label(t, 'reply', answer.state) }, { time: { value: formatDateTime(answer.sentAt ?? answer.createdAt, lang) } })
              : isolated(
                  t,
                  'composerAnswered',
                  { s: label(t, 'reply', answer.state) },
                  { name: { value: nameOf(t, users, answer.author, props.user) }, time: { value: formatDateTime(answer.sentAt ?? answer.createdAt, lang) } },
                )}
          </p>
          <p>{t(noSecond ? 'composerAnsweredNoApproval' : 'composerAnsweredSecond')}</p>
        </div>
      )}
      {caseDone && m.linkedCase && (
        <div class="notice notice-warn" role="status" data-testid="composer-case-done">
          <p>{isolated(t, 'composerCaseDone', { s: label(t, 'case', m.linkedCase.status) }, { n: { value: m.linkedCase.number, code: true } })}</p>
        </div>
      )}
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
            {offered.map((tpl) => {
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
      {heldFill && template && (
        <div class="notice notice-warn" role="status" data-testid="composer-kept-edits" data-changed={heldFill.changed}>
          <p>
            {heldFill.changed === 'template'
              ? isolated(t, 'keptEditsTemplate', {}, { name: { value: template.name } })
              : heldFill.changed === 'lang'
                ? t('keptEditsLang', { other: t(`theTextLang_${replyLang}`) })
                : t('keptEditsValue')}
          </p>
          <button type="button" class="btn btn-small btn-secondary" onClick={() => fillWith(heldFill.text, template.id, replyLang)} data-testid="refill-template">
            {t('refillTemplate')}
          </button>
        </div>
      )}
      <div class="composer-foot">
        <Counter id="reply-count" length={measured.length} max={measured.max} network={m.network} />
        {!confirming && (
          <button type="submit" ref={sendButton} class="btn btn-primary" disabled={busy || !text.trim() || tooLong || unfilled || noSecond || !props.claimedByMe} data-testid="send-reply">
            {busy ? t('sending') : approval ? t('sendForApproval') : t('send')}
          </button>
        )}
      </div>
      {confirming && (
        <div
          class="confirm"
          role="group"
          aria-label={t('sendSecondReply')}
          data-testid="confirm-second"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault(); // the queue's pane leaves the post on an Escape not handled here
            cancelConfirm();
          }}
        >
          <p>{t('secondReplyConfirm')}</p>
          <div class="row wrap">
            <button type="submit" class="btn btn-small btn-primary" disabled={busy || !text.trim() || tooLong || unfilled || !props.claimedByMe} data-testid="send-second">
              {busy ? t('sending') : t('sendSecondReply')}
            </button>
            <button type="button" ref={cancelSecond} class="btn btn-small btn-secondary" onClick={cancelConfirm}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {approval && (
        <p class="muted small" data-testid="approval-hint">
          {approval === 'trainee' ? t('approvalForTrainee') : t('approvalForUrgency', { urgency: t(`urgency_${m.classification.urgency}`) })}
        </p>
      )}
      {tooLong && <Notice kind="error">{t('tooLong')}</Notice>}
      {leftover && text.trim() && (
        <Notice kind="error">
          <span data-testid="placeholder-left">
            {/* {case_number} on a post with no case: say why it is empty, not only that it is. */}
            {leftover === '{case_number}' && !m.caseId
              ? isolated(t, 'noCaseForVariable', {}, { ph: { value: leftover, code: true } })
              : t('placeholderLeft', { ph: '\u2068' + leftover + '\u2069' })}
          </span>
        </Notice>
      )}
      {error && (
        <Notice kind="error">
          <span data-testid="composer-error" data-unreachable={error.unreachable}>
            {error.text}
          </span>
        </Notice>
      )}
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

/** The person's reply that already answers the post (sent or on its way), the furthest along first: the server's rule (approval-block.ts). */
function personAnswer(replies: Reply[]): Reply | undefined {
  return replies
    .filter((r) => (r.purpose ?? 'agent') === 'agent' && ANSWERING_STATES.includes(r.state))
    .sort((a, b) => ANSWERING_STATES.indexOf(a.state) - ANSWERING_STATES.indexOf(b.state))[0];
}

/**
 * The unsent reply, kept per post in sessionStorage. When the session ends mid-reply (token
 * revoked, cookie expired) the console unmounts everything for the sign-in form; signing in again
 * in the same tab shows the same post, and its draft comes back. sessionStorage, not
 * localStorage: it stays in this tab and goes with it, so a shared computer keeps no reply for
 * the next person; the key names the user too, since another may sign in in this tab.
 */
interface Draft {
  text: string;
  templateId: string;
  vars: Vars;
  lang: TemplateLang;
  edited: boolean;
}

function readDraft(key: string): Draft | undefined {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Draft) : undefined;
  } catch {
    return undefined; // storage off (private mode) or a malformed entry: start empty
  }
}

/** Saves the draft, or forgets it (null: sent, or emptied). */
function writeDraft(key: string, draft: Draft | null): void {
  try {
    if (draft) sessionStorage.setItem(key, JSON.stringify(draft));
    else sessionStorage.removeItem(key);
  } catch {
    // storage off or full: the draft lasts as long as the page
  }
}

function stripEmpty(v: Vars): Vars {
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x && x.trim())) as Vars;
}

