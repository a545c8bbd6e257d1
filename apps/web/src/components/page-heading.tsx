import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';

/**
 * The h1 of a view. It takes the focus when the view opens, so that a screen reader starts from it after a
 * navigation, and it sets the document's title.
 */
export function PageHeading({ title, children, id }: { title: string; children?: ComponentChildren; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title]);
  useEffect(() => {
    const active = document.activeElement;
    // Not when a form field of the view already has the focus (the sign-in form's e-mail, say).
    if (!active || active === document.body || !ref.current?.closest('main')?.contains(active)) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} id={id}>
      {children ?? title}
    </h1>
  );
}
