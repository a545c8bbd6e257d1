// #/focal-points?country=KAZ: a country's focal points (who gets its reminders), added, edited, deactivated.
import { useEffect, useState } from 'preact/hooks';
import type { FocalPointView, Page } from '@depositary/contracts';
import { api, seg } from '../../api';
import { PageHeading } from '../../components/page-heading';
import { flash } from '../../components/flash';
import { Failure, Loading } from '../../components/ui';
import { inWords } from '../../errors';
import { countryName, t } from '../../i18n';
import { navigate } from '../../router';
import { may } from '../../session';
import type { View } from '../../views';
import { Country, CountryField, countries as readCountries, countryOf } from './countries';
import { FocalPointFields, FocalPointForm } from './focal-point-form';
import { FocalPointsTable } from './focal-points-table';
import '../../styles/admin.css';

function CountryChooser({ list, chosen }: { list: Country[]; chosen: string }) {
  const known = list.find((country) => country.code === chosen);
  const [text, setText] = useState(known ? `${countryName(known.code, known.name)} (${known.code})` : chosen);
  const [error, setError] = useState('');
  return (
    <form
      class="toolbar no-print"
      id="focal-country-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const code = countryOf(text, list);
        if (!code) return setError(t('focalPoints.unknownCountry', { value: text.trim() }));
        setError('');
        navigate(`#/focal-points?country=${seg(code)}`);
      }}
    >
      <CountryField id="focal-country" label={t('focalPoints.country')} value={text} list={list} onChange={setText} />
      <button type="submit" class="button button--primary">
        {t('focalPoints.choose')}
      </button>
      <p class="form-error" role="alert" id="focal-country-error">
        {error}
      </p>
    </form>
  );
}

function CountryFocalPoints({ code, name }: { code: string; name: string }) {
  const [items, setItems] = useState<FocalPointView[] | null>(null);
  const [error, setError] = useState('');
  const [addError, setAddError] = useState('');
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState(0);
  const read = () =>
    api<Page<FocalPointView>>(`/api/countries/${seg(code)}/focal-points`).then(
      (page) => setItems(page.items),
      (failure: unknown) => setError(inWords(failure, t('focalPoints.couldNotRead', { country: name }))),
    );
  useEffect(() => void read(), [code]);

  const add = async (fields: FocalPointFields) => {
    setBusy(true);
    try {
      const created = await api<FocalPointView>(`/api/countries/${seg(code)}/focal-points`, { method: 'POST', body: fields });
      setAddError('');
      setAdded((n) => n + 1);
      flash(t('focalPoints.added', { name: created.name, country: name }), 'success');
      await read();
    } catch (failure) {
      setAddError(inWords(failure, t('focalPoints.couldNotAdd')));
    }
    setBusy(false);
  };

  return (
    <>
      <section aria-labelledby="focal-list-title">
        <h2 id="focal-list-title">{t('focalPoints.of', { country: name })}</h2>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        {items === null ? (
          !error && <Loading />
        ) : items.length ? (
          <FocalPointsTable code={code} country={name} items={items} onChanged={() => void read()} />
        ) : (
          <p id="focal-none">{t('focalPoints.none', { country: name })}</p>
        )}
      </section>
      <section class="card" aria-labelledby="focal-add-title">
        <h2 id="focal-add-title">{t('focalPoints.add')}</h2>
        <FocalPointForm
          key={added}
          id="focal-add"
          submitLabel={t('focalPoints.addSubmit')}
          error={addError}
          busy={busy}
          onSubmit={(f) => void add(f)}
        />
      </section>
    </>
  );
}

export const FocalPointsPage: View = ({ route }) => {
  const chosen = (route.name === 'focal-points' ? (route.params.get('country') ?? '') : '').toUpperCase();
  const [list, setList] = useState<Country[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (may('focalPoints.manage'))
      readCountries().then(setList, (error: unknown) => setFailure(inWords(error, t('focalPoints.couldNotOpen'))));
  }, []);
  if (!may('focalPoints.manage'))
    return (
      <>
        <PageHeading title={t('focalPoints.title')} />
        <p class="form-error" role="alert">
          {t('focalPoints.notForYou')}
        </p>
      </>
    );
  if (failure) return <Failure message={failure} />;
  if (!list) return <Loading what={t('focalPoints.loading')} />;
  const country = list.find((item) => item.code === chosen);
  return (
    <>
      <PageHeading title={t('focalPoints.title')} />
      <p class="muted">{t('focalPoints.intro')}</p>
      <CountryChooser key={chosen} list={list} chosen={chosen} />
      {chosen && !country && (
        <p class="form-error" role="alert">
          {t('focalPoints.unknownCountry', { value: chosen })}
        </p>
      )}
      {country && <CountryFocalPoints key={country.code} code={country.code} name={countryName(country.code, country.name)} />}
    </>
  );
};
