import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmButtonProps {
  label: string;
  /** The question, naming exactly what will happen. */
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  className?: string;
  disabled?: boolean;
  /** Accessible name when the visible label alone is ambiguous in a list ("Remove" whom?). */
  ariaLabel?: string;
}

/**
 * A button whose action cannot be undone (remove someone, close the hearing, leave): it opens a
 * modal dialog that asks first. A native <dialog>, so focus is trapped, Escape cancels and focus
 * returns to the button — and the safe choice, "Cancel", has the focus when it opens.
 */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, className = 'button', disabled, ariaLabel }: ConfirmButtonProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const questionId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <>
      <button
        type="button"
        className={className}
        onClick={() => setOpen(true)}
        disabled={disabled}
        aria-label={ariaLabel}
        aria-haspopup="dialog"
      >
        {label}
      </button>
      <dialog ref={dialogRef} className="confirm" aria-labelledby={questionId} onClose={() => setOpen(false)}>
        <p id={questionId}>{question}</p>
        <div className="confirm__actions">
          <button ref={cancelRef} type="button" className="button button--secondary" onClick={() => setOpen(false)}>
            {t('room.confirm.cancel')}
          </button>
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              setOpen(false);
              onConfirm();
            }}
          >
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
