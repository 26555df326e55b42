import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { REVIEW_SHORTCUTS } from './shortcuts';

/**
 * The list of shortcuts in a native modal <dialog>: the browser traps the focus inside, closes
 * it on Escape and gives the focus back to where it was, with nothing to reimplement.
 */
export function ShortcutHelpDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>{t('clerk.review.helpTitle')}</h2>
      <p className="muted">{t('clerk.review.helpIntro')}</p>
      <table className="shortcut-table">
        <tbody>
          {REVIEW_SHORTCUTS.map((binding) => (
            <tr key={binding.key}>
              <th scope="row">
                <kbd>{binding.key}</kbd>
              </th>
              <td>{t(`clerk.review.shortcut.${binding.action}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" className="button" autoFocus>
          {t('clerk.review.close')}
        </button>
      </form>
    </dialog>
  );
}
