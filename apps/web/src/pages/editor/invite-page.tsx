// `#/treaties/{slug}/invite`: invite many countries at once; those already invited are marked and cannot be chosen.
import '../../styles/editor.css';
import { useState } from 'preact/hooks';
import type { ParticipantView } from '@depositary/contracts';
import { isIsoDate, todayUtc } from '@depositary/domain';
import { api, seg } from '../../api';
import { flash } from '../../components/flash';
import { PageHeading } from '../../components/page-heading';
import { Failure, Loading } from '../../components/ui';
import { inWords } from '../../errors';
import { countryName, formatDay, listInWords, t, treatyTitle, wordFor } from '../../i18n';
import { href } from '../../router';
import { may } from '../../session';
import type { View } from '../../views';
import { useCountries } from './countries';
import { CountryPicker } from './country-picker';
import { NotAllowed } from './not-allowed';
import { useTreatyRecord } from './use-treaty';

interface Invitation {
  invited: ParticipantView[];
  alreadyInvited: string[];
  invitedOn: string;
}

export const InvitePage: View = ({ route }) => {
  const slug = route.name === 'invite' ? route.slug : '';
  const { countries, failure: countriesFailure } = useCountries();
  const { record, failure, reload } = useTreatyRecord(may('participants.manage') ? slug : null);
  const [selected, setSelected] = useState<string[]>([]);
  const [invitedOn, setInvitedOn] = useState(todayUtc());
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<Invitation | null>(null);
  const [busy, setBusy] = useState(false);
  if (!may('participants.manage')) return <NotAllowed title={t('editor.invite.title')} />;
  if (failure ?? countriesFailure) return <Failure message={(failure ?? countriesFailure)!} />;
  if (!countries || !record) return <Loading />;
  const title = treatyTitle(record.treaty);
  const unavailable = new Map(
    record.participants.map((participant) => [
      participant.country.code,
      t('editor.invite.already', { status: wordFor('status', participant.status) }),
    ]),
  );
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!selected.length) return setProblem(t('editor.invite.noneChosen'));
    if (!isIsoDate(invitedOn)) return setProblem(t('editor.invite.badDate'));
    setProblem(null);
    setBusy(true);
    try {
      const answer = await api<{ invited: ParticipantView[]; alreadyInvited: string[] }>(`/api/treaties/${seg(slug)}/participants`, {
        method: 'POST',
        body: { countries: selected, invitedOn },
      });
      setDone({ ...answer, invitedOn });
      flash(t('editor.invite.done', { count: answer.invited.length, date: formatDay(invitedOn) }), 'success');
      setSelected([]);
      reload();
    } catch (error) {
      setProblem(inWords(error, t('editor.invite.couldNotInvite')));
    } finally {
      setBusy(false);
    }
  };
  const names = new Map(countries.map((country) => [country.code, country.name]));
  return (
    <>
      <p class="breadcrumb">
        <a href={href.treaties()}>{t('nav.treaties')}</a> › <a href={href.treaty(slug)}>{title}</a>
      </p>
      <PageHeading title={t('editor.invite.titleOf', { title })} />
      <p class="hint">{t('editor.invite.hint', { count: record.participants.length })}</p>
      {done && (
        <section id="invite-result" class="notice notice--success" aria-labelledby="invite-result-title" tabIndex={-1}>
          <h2 id="invite-result-title">{t('editor.invite.done', { count: done.invited.length, date: formatDay(done.invitedOn) })}</h2>
          {done.invited.length > 0 && (
            <p>{listInWords(done.invited.map((participant) => countryName(participant.country.code, participant.country.name)))}</p>
          )}
          {done.alreadyInvited.length > 0 && (
            <p>
              {t('editor.invite.skipped', {
                count: done.alreadyInvited.length,
                countries: listInWords(done.alreadyInvited.map((code) => countryName(code, names.get(code)))),
              })}
            </p>
          )}
          <p>
            <a href={href.treaty(slug)}>{t('editor.backTo', { title })}</a> ·{' '}
            <a href={href.bulkActs(slug)}>{t('editor.invite.nextActs')}</a>
          </p>
        </section>
      )}
      <form class="card invite-form" noValidate onSubmit={(event) => void submit(event)}>
        <label class="field invite-form__date">
          <span>{t('editor.invite.invitedOn')}</span>
          <input
            id="invite-date"
            type="date"
            required
            value={invitedOn}
            max={todayUtc()}
            onInput={(event) => setInvitedOn(event.currentTarget.value)}
          />
        </label>
        <CountryPicker
          id="invite-countries"
          legend={t('editor.invite.countries')}
          countries={countries}
          selected={selected}
          unavailable={unavailable}
          onChange={setSelected}
        />
        {problem && (
          <p class="form-error" role="alert">
            {problem}
          </p>
        )}
        <p class="form-actions">
          <button id="invite-submit" type="submit" class="button button--primary" disabled={busy}>
            {t('editor.invite.submit', { count: selected.length })}
          </button>
        </p>
      </form>
    </>
  );
};
