import { PageHeading } from '../components/page-heading';
import { t } from '../i18n';

export function NotFound() {
  return (
    <>
      <PageHeading title={t('shell.notFound')} />
      <p>
        <a href="#/">{t('shell.backToTreaties')}</a>
      </p>
    </>
  );
}
