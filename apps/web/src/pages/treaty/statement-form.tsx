// The drawer's form to make a statement: a reservation, declaration or communication with its text; an objection to
// another state's reservation; the territories a state's consent excludes or is extended to.
import { useEffect, useState } from 'preact/hooks';
import type { Page, StatementView } from '@depositary/contracts';
import { STATEMENT_KINDS, TERRITORIAL_SCOPES, type StatementKind, type TerritorialScope } from '@depositary/domain';
import { api, idempotencyKey } from '../../api';
import { flash } from '../../components/flash';
import { inWords } from '../../errors';
import { capitalised, countryName, language, t, wordFor } from '../../i18n';
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../../i18n/messages';
import { forgetVerification } from './chain';
import { type ParticipantRecord, type TreatyData, participantPath, treatyPath } from './load';
import { dateProblem } from './record-form';
import { textOf } from './statements';

/** The reservations of the other states of the treaty, which an objection may name. */
function useReservations(data: TreatyData, code: string, wanted: boolean): StatementView[] {
  const [reservations, setReservations] = useState<StatementView[]>([]);
  useEffect(() => {
    if (!wanted) return;
    api<Page<StatementView>>(`${treatyPath(data.slug)}/statements?kind=reservation`).then(
      (page) => setReservations(page.items.filter((statement) => statement.country !== code && statement.withdrawnOn === null)),
      () => setReservations([]),
    );
  }, [data.slug, code, wanted]);
  return reservations;
}

export function StatementForm(props: { data: TreatyData; participant: ParticipantRecord; onChanged: () => Promise<unknown> }) {
  const { data, participant } = props;
  const [kind, setKind] = useState<StatementKind>(data.treaty.reservations === 'prohibited' ? 'declaration' : 'reservation');
  const [lang, setLang] = useState<Language>(language.value);
  const [fields, setFields] = useState({ date: '', text: '', reference: '', territories: '' });
  const [objectsTo, setObjectsTo] = useState('');
  const [scope, setScope] = useState<TerritorialScope>('excluded');
  const reservations = useReservations(data, participant.country.code, kind === 'objection');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const kinds = STATEMENT_KINDS.filter((k) => k !== 'reservation' || data.treaty.reservations !== 'prohibited');
  const territories = fields.territories
    .split(/[,،\n]/)
    .map((territory) => territory.trim())
    .filter(Boolean);
  const input = (key: keyof typeof fields) => ({
    value: fields[key],
    onInput: (event: Event) => setFields({ ...fields, [key]: (event.currentTarget as HTMLInputElement).value }),
  });
  const submit = async (event: Event) => {
    event.preventDefault();
    setError('');
    const problem = dateProblem(fields.date.trim(), data.treaty.openedForSignatureOn, participant.invitedOn);
    if (problem) return setError(t('treaty.record.notSent', { problem }));
    if (!fields.text.trim()) return setError(t('treaty.statements.needsText'));
    if (kind === 'objection' && !objectsTo) return setError(t('treaty.statements.needsTarget'));
    if (kind === 'territorial_application' && territories.length === 0) return setError(t('treaty.statements.needsTerritories'));
    setBusy(true);
    try {
      await api(`${participantPath(data.slug, participant.country.code)}/statements`, {
        method: 'POST',
        body: {
          kind,
          date: fields.date.trim(),
          text: { [lang]: fields.text.trim() },
          ...(fields.reference.trim() ? { reference: fields.reference.trim() } : {}),
          ...(kind === 'objection' ? { objectsTo: Number(objectsTo) } : {}),
          ...(kind === 'territorial_application' ? { territories, scope } : {}),
        },
        headers: { 'idempotency-key': idempotencyKey() },
      });
      forgetVerification();
      flash(capitalised(t('treaty.statements.recorded', { kind: wordFor('statementKind', kind), day: fields.date.trim() })), 'success');
      setFields({ date: '', text: '', reference: '', territories: '' });
      setObjectsTo('');
      setBusy(false);
      await props.onChanged();
    } catch (failure) {
      setBusy(false);
      setError(inWords(failure, t('treaty.record.notRecorded')));
    }
  };
  return (
    <details class="statement-make" id="statement-make">
      <summary>{t('treaty.statements.make')}</summary>
      <form class="record-form statement-form" id="statement-form" noValidate onSubmit={(event) => void submit(event)}>
        <div class="field-block">
          <label for="statement-kind">{t('treaty.statements.kind')}</label>
          <select id="statement-kind" value={kind} onChange={(event) => setKind(event.currentTarget.value as StatementKind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {capitalised(wordFor('statementKind', k))}
              </option>
            ))}
          </select>
        </div>
        {kind === 'objection' && (
          <div class="field-block">
            <label for="statement-objects-to">{t('treaty.statements.objectsTo')}</label>
            <select id="statement-objects-to" value={objectsTo} onChange={(event) => setObjectsTo(event.currentTarget.value)}>
              <option value="">
                {reservations.length ? t('treaty.statements.chooseReservation') : t('treaty.statements.noReservation')}
              </option>
              {reservations.map((reservation) => (
                <option key={reservation.id} value={String(reservation.id)}>
                  {t('treaty.statements.reservationOf', {
                    country: countryName(reservation.country),
                    day: reservation.date,
                    text: textOf(reservation).text.slice(0, 80),
                  })}
                </option>
              ))}
            </select>
          </div>
        )}
        {kind === 'territorial_application' && (
          <>
            <div class="field-block">
              <label for="statement-scope">{t('treaty.statements.scope')}</label>
              <select id="statement-scope" value={scope} onChange={(event) => setScope(event.currentTarget.value as TerritorialScope)}>
                {TERRITORIAL_SCOPES.map((code) => (
                  <option key={code} value={code}>
                    {wordFor('treaty.statements.scopeOf', code)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field-block">
              <label for="statement-territories">{t('treaty.statements.territories')}</label>
              <input id="statement-territories" maxLength={2000} autocomplete="off" {...input('territories')} />
              <p class="hint">{t('treaty.statements.territoriesHint')}</p>
            </div>
          </>
        )}
        <div class="field-block">
          <label for="statement-date">{t('treaty.statements.date')}</label>
          <input id="statement-date" dir="ltr" maxLength={10} placeholder={t('treaty.datePlaceholder')} {...input('date')} />
        </div>
        <div class="field-block">
          <label for="statement-language">{t('treaty.statements.language')}</label>
          <select id="statement-language" value={lang} onChange={(event) => setLang(event.currentTarget.value as Language)}>
            {LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </div>
        <div class="field-block">
          <label for="statement-text">{t('treaty.statements.text')}</label>
          <textarea id="statement-text" rows={3} maxLength={20000} lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'} {...input('text')} />
        </div>
        <div class="field-block">
          <label for="statement-reference">{t('treaty.record.reference')}</label>
          <input id="statement-reference" maxLength={500} autocomplete="off" {...input('reference')} />
        </div>
        <p class="form-error" role="alert" id="statement-error">
          {error}
        </p>
        <div class="form-actions">
          <button type="submit" class="button button--primary" id="statement-submit" disabled={busy}>
            {t('treaty.statements.submit')}
          </button>
        </div>
      </form>
    </details>
  );
}
