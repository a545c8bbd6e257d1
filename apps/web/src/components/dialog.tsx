import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';

/**
 * A modal <dialog> (the drawer, a confirmation): opened as it mounts, closed by Escape or its close button,
 * and on close the focus goes back to what opened it.
 */
export function Dialog(props: { id?: string; class?: string; titleId: string; onClose: () => void; children: ComponentChildren }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const trigger = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      if (trigger?.isConnected) trigger.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      id={props.id}
      class={props.class ?? 'dialog'}
      aria-labelledby={props.titleId}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <button type="button" class="button button--quiet dialog__close" aria-label={t('shell.close')} onClick={props.onClose}>
        ×
      </button>
      {props.children}
    </dialog>
  );
}
