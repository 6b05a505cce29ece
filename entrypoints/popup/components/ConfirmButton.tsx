import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { t } from '../../../src/ui/i18n';

interface ConfirmButtonProps {
  children: ComponentChildren;
  /** Question shown with the confirm/cancel pair, e.g. "Delete this meeting?". */
  question: string;
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  testId: string;
}

/**
 * Two-step destructive button. An inline confirm instead of `window.confirm`, which Chrome does
 * not reliably show from an action popup. The confirm button's test id is `${testId}-confirm`.
 */
export function ConfirmButton({ children, question, confirmLabel, onConfirm, testId }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!asking) {
    return (
      <button type="button" class="danger" onClick={() => setAsking(true)} data-testid={testId}>
        {children}
      </button>
    );
  }
  return (
    <div class="confirm row small" role="group" aria-label={question}>
      <span>{question}</span>
      <button
        type="button"
        class="danger solid"
        disabled={busy}
        autoFocus
        data-testid={`${testId}-confirm`}
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)} disabled={busy}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
