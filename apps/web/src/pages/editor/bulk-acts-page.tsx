// `#/treaties/{slug}/acts`: the same act for many countries at once, as at a signing ceremony. All or nothing.
import '../../styles/editor.css';
import { useState } from 'preact/hooks';
import type { EventView, ParticipantView, TreatyStatusView } from '@depositary/contracts';
import { type PersonAction, PERSON_ACTIONS, SIGNATURE_KINDS, type SignatureKind, isIsoDate, todayUtc } from '@depositary/domain';
import { ApiError, api, idempotencyKey, seg } from '../../api';
import { flash } from '../../components/flash';
import { PageHeading } from '../../components/page-heading';
import { Failure, Loading } from '../../components/ui';
import { inWords } from '../../errors';
import { formatDay, t, treatyTitle, wordFor } from '../../i18n';
import { href } from '../../router';
import { may } from '../../session';
import type { View } from '../../views';
import { ActOutcome, ActResults, Refusal } from './act-results';
import { useCountries } from './countries';
import { CountryPicker } from './country-picker';
import { NotAllowed } from './not-allowed';
import { useTreatyRecord } from './use-treaty';

type BulkAction = Exclude<PersonAction, 'correct'>;
const BULK_ACTIONS = PERSON_ACTIONS.filter((action): action is BulkAction => action !== 'correct');

export const BulkActsPage: View = ({ route }) => {
  const slug = route.name === 'bulk-acts' ? route.slug : '';
  const { countries, failure: countriesFailure } = useCountries();
  const { record, failure, reload } = useTreatyRecord(may('actions.record') ? slug : null);
  const [action, setAction] = useState<BulkAction>('sign');
  const [date, setDate] = useState(todayUtc());
  const [signature, setSignature] = useState<SignatureKind>('subject_to_ratification');
  const [reference, setReference] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ActOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  if (!may('actions.record')) return <NotAllowed title={t('editor.acts.title')} />;
  if (failure ?? countriesFailure) return <Failure message={(failure ?? countriesFailure)!} />;
  if (!countries || !record) return <Loading />;
  const title = treatyTitle(record.treaty);
  const offered = new Set(
    record.participants.filter((participant) => participant.allowedActions.includes(action)).map((participant) => participant.country.code),
  );
  const names = new Map(countries.map((country) => [country.code, country.name]));
  const chooseAction = (next: BulkAction) => {
    setAction(next);
    const allowed = new Set(record.participants.filter((p) => p.allowedActions.includes(next)).map((p) => p.country.code));
    setSelected((old) => old.filter((code) => allowed.has(code)));
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!selected.length) return setProblem(t('editor.acts.noneChosen'));
    if (!isIsoDate(date)) return setProblem(t('editor.acts.badDate'));
    setProblem(null);
    setBusy(true);
    const countries = [...selected];
    const body = {
      action,
      date,
      countries,
      ...(action === 'sign' ? { signature } : {}),
      ...(reference.trim() ? { reference: reference.trim() } : {}),
    };
    try {
      const answer = await api<{ items: { participant: ParticipantView; event: EventView }[] }>(`/api/treaties/${seg(slug)}/actions`, {
        method: 'POST',
        body,
        headers: { 'idempotency-key': idempotencyKey() },
      });
      const status = await api<TreatyStatusView>(`/api/treaties/${seg(slug)}/status`).catch(() => null);
      setOutcome({ kind: 'recorded', action, date, items: answer.items, status });
      flash(
        t('editor.acts.recorded', { count: answer.items.length, act: wordFor('actionShort', action), date: formatDay(date) }),
        'success',
      );
      setSelected([]);
      reload();
    } catch (error) {
      flash('');
      const failures = error instanceof ApiError && Array.isArray(error.body.failures) ? (error.body.failures as Refusal[]) : null;
      setOutcome(
        failures
          ? { kind: 'refused', action, countries, failures }
          : { kind: 'failed', message: inWords(error, t('editor.acts.couldNotRecord')) },
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p class="breadcrumb">
        <a href={href.treaties()}>{t('nav.treaties')}</a> › <a href={href.treaty(slug)}>{title}</a>
      </p>
      <PageHeading title={t('editor.acts.titleOf', { title })} />
      <p class="hint">{t('editor.acts.hint')}</p>
      {outcome && <ActResults outcome={outcome} names={names} />}
      <form class="card acts-form" noValidate onSubmit={(event) => void submit(event)}>
        <div class="form-grid">
          <label class="field">
            <span>{t('editor.acts.act')}</span>
            <select id="acts-action" value={action} onChange={(event) => chooseAction(event.currentTarget.value as BulkAction)}>
              {BULK_ACTIONS.map((one) => (
                <option key={one} value={one}>
                  {wordFor('action', one)}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>{t('editor.acts.date')}</span>
            <input
              id="acts-date"
              type="date"
              required
              value={date}
              max={todayUtc()}
              onInput={(event) => setDate(event.currentTarget.value)}
            />
          </label>
          {action === 'sign' && (
            <label class="field">
              <span>{t('editor.acts.signature')}</span>
              <select id="acts-signature" value={signature} onChange={(event) => setSignature(event.currentTarget.value as SignatureKind)}>
                {SIGNATURE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {wordFor('signature', kind)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label class="field">
            <span>{t('editor.acts.reference')}</span>
            <input id="acts-reference" value={reference} maxLength={500} onInput={(event) => setReference(event.currentTarget.value)} />
          </label>
        </div>
        <CountryPicker
          id="acts-countries"
          legend={t('editor.acts.countries', { act: wordFor('actionShort', action) })}
          hint={t('editor.acts.offered', { count: offered.size, act: wordFor('actionShort', action) })}
          countries={countries}
          offered={offered}
          selected={selected}
          onChange={setSelected}
        />
        {problem && (
          <p class="form-error" role="alert">
            {problem}
          </p>
        )}
        <p class="form-actions">
          <button id="acts-submit" type="submit" class="button button--primary" disabled={busy}>
            {t('editor.acts.submit', { count: selected.length, act: wordFor('actionShort', action) })}
          </button>
        </p>
      </form>
    </>
  );
};
