// `#/treaties/new` and `#/treaties/{slug}/edit`: a treaty's facts and its entry-into-force rule, with a live preview.
import '../../styles/editor.css';
import { PageHeading } from '../../components/page-heading';
import { Failure, Loading } from '../../components/ui';
import { t, treatyTitle } from '../../i18n';
import { href } from '../../router';
import { may } from '../../session';
import type { View } from '../../views';
import { useCountries } from './countries';
import { NotAllowed } from './not-allowed';
import { TreatyForm } from './treaty-form';
import { useTreatyRecord } from './use-treaty';

export const TreatyEditorPage: View = ({ route }) => {
  const slug = route.name === 'edit-treaty' ? route.slug : null;
  const { countries, failure: countriesFailure } = useCountries();
  const { record, failure } = useTreatyRecord(may('treaties.manage') ? slug : null);
  const heading = slug ? t('editor.edit.title') : t('editor.new.title');
  if (!may('treaties.manage')) return <NotAllowed title={heading} />;
  if (failure ?? countriesFailure) return <Failure message={(failure ?? countriesFailure)!} />;
  if (!countries || (slug && !record)) return <Loading />;
  return (
    <>
      <p class="breadcrumb">
        <a href={href.treaties()}>{t('nav.treaties')}</a>
        {record && (
          <>
            {' › '}
            <a href={href.treaty(record.treaty.slug)}>{treatyTitle(record.treaty)}</a>
          </>
        )}
      </p>
      <PageHeading title={record ? t('editor.edit.titleOf', { title: treatyTitle(record.treaty) }) : heading} />
      <p class="hint">{t(record ? 'editor.edit.hint' : 'editor.new.hint')}</p>
      <TreatyForm treaty={record?.treaty ?? null} participants={record?.participants ?? null} countries={countries} />
    </>
  );
};
