/**
 * A destructive or irreversible action behind an inline confirmation (no window.confirm): the
 * first press shows what will happen and moves focus to "Cancel", the safe choice. Cancel, or
 * Escape anywhere in the confirmation, closes it and gives the focus back to the button that
 * opened it (Escape is marked handled, so a page's own Escape, e.g. the queue's «back to the
 * list», leaves it alone); so does a confirmed action that leaves this button in place.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';

export function ConfirmAction(props: {
  /** Label of the first button. */
  label: string;
  /** What will happen, shown with the confirm button. */
  warning: ComponentChildren;
  confirmLabel: string;
  onConfirm: () => Promise<unknown> | void;
  tone?: 'danger' | 'secondary';
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  // Closing: 'always' (cancelled: the user is still here), 'if-lost' (confirmed: only if the focus
  // went nowhere, the action may have moved it on purpose).
  const refocus = useRef<'always' | 'if-lost' | undefined>(undefined);
  useLayoutEffect(() => {
    if (asking) {
      cancel.current?.focus();
      return;
    }
    const how = refocus.current;
    refocus.current = undefined;
    if (!how) return;
    const at = document.activeElement;
    if (how === 'always' || !at || at === document.body || !at.isConnected) opener.current?.focus();
  }, [asking]);

  const close = () => {
    refocus.current = 'always';
    setAsking(false);
  };

  if (!asking)
    return (
      <button
        type="button"
        ref={opener}
        class={`btn btn-${props.tone === 'danger' ? 'danger-outline' : 'secondary'}`}
        disabled={props.disabled}
        onClick={() => setAsking(true)}
        data-testid={props.testId}
      >
        {props.label}
      </button>
    );
  return (
    <div
      class={`confirm confirm-${props.tone ?? 'secondary'}`}
      role="group"
      aria-label={props.label}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.preventDefault();
        if (!busy) close();
      }}
    >
      <p>{props.warning}</p>
      <div class="row wrap">
        <button
          type="button"
          class={`btn btn-small ${props.tone === 'danger' ? 'btn-danger' : 'btn-primary'}`}
          disabled={busy}
          data-testid={props.testId ? `${props.testId}-confirm` : undefined}
          onClick={async () => {
            setBusy(true);
            try {
              await props.onConfirm();
            } finally {
              setBusy(false);
              refocus.current = 'if-lost';
              setAsking(false);
            }
          }}
        >
          {props.confirmLabel}
        </button>
        <button type="button" ref={cancel} class="btn btn-small btn-secondary" onClick={close} data-testid={props.testId ? `${props.testId}-cancel` : undefined}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
