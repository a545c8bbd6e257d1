import { signal } from '@preact/signals';

type FlashKind = 'info' | 'success' | 'error';
const current = signal<{ message: string; kind: FlashKind } | null>(null);

/** Shows `message` in the page's polite live region (an empty message clears it). */
export function flash(message: string, kind: FlashKind = 'info'): void {
  current.value = message ? { message, kind } : null;
}

export function Flash() {
  const value = current.value;
  return (
    <div id="flash" class="flash" role="status" aria-live="polite">
      {value && <p class={`flash__message flash__message--${value.kind}`}>{value.message}</p>}
    </div>
  );
}
