/**
 * The domain and intent chips of the mention view, as buttons: one click opens a short menu and
 * the choice is saved as a correction of the classifier (POST /api/mentions/:id/classification).
 * Only the claim holder may correct (the server says 409 otherwise), so the chips are disabled,
 * with the reason as their title, until the claim is taken. A chip the person changed is tinted;
 * CorrectionInfo says who corrected it, when, and what the machine had said.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Classification } from '../../../domain/classification';
import { formatDateTime } from '../format';
import { label, useI18n, type MessageKey } from '../i18n';

const DOMAIN_CHOICES = ['roads', 'drainage', 'buildings', 'none'] as const;
const INTENT_CHOICES = ['complaint', 'inquiry', 'suggestion', 'praise', 'other'] as const;

export interface CorrectionChoice {
  domain: string;
  intent: string;
}

export function ClassificationChips(props: {
  classification: Classification;
  enabled: boolean;
  busy: boolean;
  onCorrect: (choice: CorrectionChoice) => void;
}) {
  const c = props.classification;
  const current: CorrectionChoice = { domain: c.primaryDomain ?? 'none', intent: c.intent };
  const pick = (field: keyof CorrectionChoice) => (value: string) => {
    if (value !== current[field]) props.onCorrect({ ...current, [field]: value });
  };
  const from = c.correction?.from;
  return (
    <>
      <ChipMenu
        field="domain"
        value={current.domain}
        choices={DOMAIN_CHOICES}
        title="correctDomain"
        enabled={props.enabled && !props.busy}
        corrected={from !== undefined && (from.domain ?? 'none') !== current.domain}
        onPick={pick('domain')}
      />
      <ChipMenu
        field="intent"
        value={current.intent}
        choices={INTENT_CHOICES}
        title="correctIntent"
        enabled={props.enabled && !props.busy}
        corrected={from !== undefined && from.intent !== current.intent}
        onPick={pick('intent')}
      />
    </>
  );
}

/** Who corrected the classification and when, and what the machine had said; nothing if uncorrected. */
export function CorrectionInfo({ classification, nameOf }: { classification: Classification; nameOf: (userId: string) => string }) {
  const { t, lang } = useI18n();
  const correction = classification.correction;
  if (!correction) return null;
  return (
    <p class="small muted correction-info" data-testid="correction-info">
      {t('correctedBy', { name: nameOf(correction.by), time: formatDateTime(correction.at, lang) })} ·{' '}
      {t('machineSaid', { domain: label(t, 'domain', correction.from.domain ?? 'none'), intent: label(t, 'intent', correction.from.intent) })}
    </p>
  );
}

function ChipMenu(props: {
  field: 'domain' | 'intent';
  value: string;
  choices: readonly string[];
  title: MessageKey;
  enabled: boolean;
  corrected: boolean;
  onPick: (value: string) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLSpanElement>(null);
  const chip = useRef<HTMLButtonElement>(null);
  const shown = label(t, props.field, props.value);

  // A click elsewhere closes the menu, as any menu does; layout effect so it holds from the first paint.
  useLayoutEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    box.current?.querySelector<HTMLButtonElement>('[role=menuitemradio][aria-checked=true]')?.focus();
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  // The keyboard of a menu (WAI-ARIA menu button), handled on the box that holds the focus (the chip
  // or an item) so it works as soon as the menu shows: the arrows move between the items and wrap,
  // Home and End go to the first and last, Escape closes and gives the focus back to the chip. The
  // items are out of the tab order, so Tab leaves the menu, and onFocusOut closes it behind.
  const onKeyDown = (e: KeyboardEvent) => {
    if (!open) {
      if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && e.target === chip.current) {
        e.preventDefault();
        setOpen(true); // the layout effect focuses the checked item
      }
      return;
    }
    if (e.key === 'Escape') {
      e.stopPropagation();
      setOpen(false);
      chip.current?.focus();
      return;
    }
    const items = Array.from(box.current?.querySelectorAll<HTMLButtonElement>('[role=menuitemradio]') ?? []);
    const at = Math.max(0, items.indexOf(document.activeElement as HTMLButtonElement));
    const to: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 };
    if (!(e.key in to) || items.length === 0) return;
    e.preventDefault(); // the arrows must not scroll the pane as well
    items[(to[e.key] + items.length) % items.length].focus();
  };
  // A choice closes the menu (its item, which had the focus, is gone) and disables the chip while
  // the correction is saved: the focus goes back to the chip, and again once it is enabled if the
  // disabling dropped it to the document.
  const refocus = useRef(false);
  useEffect(() => {
    if (!props.enabled || !refocus.current) return;
    refocus.current = false;
    const at = document.activeElement;
    if (!at || at === document.body || at === chip.current) chip.current?.focus();
  }, [props.enabled]);

  const onFocusOut = (e: FocusEvent) => {
    if (open && !box.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
  };

  return (
    <span class="chip-menu" ref={box} onKeyDown={onKeyDown} onFocusOut={onFocusOut}>
      <button
        ref={chip}
        type="button"
        class={`chip chip-button${props.corrected ? ' chip-corrected' : ''}`}
        data-testid={`${props.field}-chip`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t(props.title, { v: shown })}
        title={props.enabled ? t(props.title, { v: shown }) : t('correctNeedsClaim')}
        disabled={!props.enabled}
        onClick={() => setOpen(!open)}
      >
        {shown} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul class="chip-menu-list" role="menu" aria-label={t(props.title, { v: shown })} data-testid={`${props.field}-menu`}>
          {props.choices.map((v) => (
            <li key={v} role="none">
              <button
                type="button"
                role="menuitemradio"
                aria-checked={v === props.value}
                tabIndex={-1}
                onClick={() => {
                  setOpen(false);
                  chip.current?.focus();
                  refocus.current = v !== props.value;
                  props.onPick(v);
                }}
              >
                {label(t, props.field, v)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
