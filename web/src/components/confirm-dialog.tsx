import { type ReactNode, useEffect, useId, useRef } from 'react';
import { Button } from './button';
import { ErrorMessage } from './error-message';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm: () => void;
  /** Also called for Escape. */
  onCancel: () => void;
  pending?: boolean;
  error?: unknown;
  danger?: boolean;
}

/**
 * A modal question (a native `<dialog>`: focus stays inside, Escape closes it). Focus starts on the
 * safe answer and goes back to whatever opened the dialog when it closes.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  onConfirm,
  onCancel,
  pending = false,
  error,
  danger = false,
}: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element || !open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!element.open) {
      if (typeof element.showModal === 'function') element.showModal();
      else element.setAttribute('open', '');
    }
    element.querySelector<HTMLButtonElement>('[data-dialog-cancel]')?.focus();
    return () => {
      if (element.open) {
        if (typeof element.close === 'function') element.close();
        else element.removeAttribute('open');
      }
      opener?.focus();
    };
  }, [open]);

  if (!open) return null;
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault(); // Escape: the owner decides whether the dialog goes away
        if (!pending) onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
      <ErrorMessage error={error} />
      <div className="form-actions">
        <Button data-dialog-cancel variant="secondary" onClick={onCancel} disabled={pending}>
          {cancelLabel}
        </Button>
        <Button variant={danger ? 'danger' : 'primary'} onClick={onConfirm} pending={pending}>
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
