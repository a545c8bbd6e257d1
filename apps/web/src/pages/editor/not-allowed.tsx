import { PageHeading } from '../../components/page-heading';
import { t } from '../../i18n';
import { href } from '../../router';

/** For a user without the permission a view needs. */
export function NotAllowed({ title }: { title: string }) {
  return (
    <>
      <PageHeading title={title} />
      <p class="notice notice--error">{t('editor.notAllowed')}</p>
      <p>
        <a href={href.treaties()}>{t('shell.backToTreaties')}</a>
      </p>
    </>
  );
}
