/**
 * A destructive or irreversible action behind an inline confirmation (no window.confirm): the
 * first press shows what will happen and moves focus to "Cancel", the safe choice.
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
  useLayoutEffect(() => {
    if (asking) cancel.current?.focus();
  }, [asking]);

  if (!asking)
    return (
      <button type="button" class={`btn btn-${props.tone === 'danger' ? 'danger-outline' : 'secondary'}`} disabled={props.disabled} onClick={() => setAsking(true)} data-testid={props.testId}>
        {props.label}
      </button>
    );
  return (
    <div class={`confirm confirm-${props.tone ?? 'secondary'}`} role="group" aria-label={props.label}>
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
              setAsking(false);
            }
          }}
        >
          {props.confirmLabel}
        </button>
        <button type="button" ref={cancel} class="btn btn-small btn-secondary" onClick={() => setAsking(false)}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
