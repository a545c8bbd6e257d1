// A country's reservations, declarations and other statements in the drawer; for those who may record, the
// buttons to confirm a reservation made at signature and to withdraw one (the form to make one is statement-form.tsx).
import { useState } from 'preact/hooks';
import type { StatementView } from '@depositary/contracts';
import { api, idempotencyKey } from '../../api';
import { flash } from '../../components/flash';
import { Day } from '../../components/ui';
import { inWords } from '../../errors';
import { capitalised, language, listInWords, t, wordFor } from '../../i18n';
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../../i18n/messages';
import { may } from '../../session';
import { forgetVerification } from './chain';
import { type ParticipantRecord, type TreatyData, participantPath } from './load';
import { dateProblem } from './record-form';
import { StatementForm } from './statement-form';

/** The statement's text in the page's language when it has one, else in the first it has, with that language. */
export function textOf(statement: StatementView): { text: string; lang: Language | null } {
  if (typeof statement.text === 'string') return { text: statement.text, lang: null };
  const texts = statement.text;
  const lang = texts[language.value] !== undefined ? language.value : LANGUAGES.find((code) => texts[code] !== undefined);
  return lang ? { text: texts[lang] ?? '', lang } : { text: '', lang: null };
}

export function Statements(props: { data: TreatyData; participant: ParticipantRecord; onChanged: () => Promise<unknown> }) {
  const { data, participant } = props;
  const recording = may('actions.record') && !data.asOf;
  const statements = participant.statements ?? [];
  return (
    <section class="drawer__section statements" aria-labelledby="statements-title">
      <h3 id="statements-title">{t('treaty.statements.title')}</h3>
      {statements.length ? (
        <ul class="statement-list" id="statements">
          {statements.map((statement) => (
            <StatementItem key={statement.id} statement={statement} {...props} recording={recording} />
          ))}
        </ul>
      ) : (
        <p class="muted" id="statements-none">
          {t('treaty.statements.none')}
        </p>
      )}
      {recording && <StatementForm {...props} />}
    </section>
  );
}

function StatementItem(props: {
  statement: StatementView;
  data: TreatyData;
  participant: ParticipantRecord;
  recording: boolean;
  onChanged: () => Promise<unknown>;
}) {
  const { statement, data, participant } = props;
  const { text, lang } = textOf(statement);
  const [date, setDate] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const dateId = `statement-${statement.id}-date`;
  const act = async (what: 'confirm' | 'withdraw') => {
    const problem = dateProblem(date.trim(), data.treaty.openedForSignatureOn, statement.date);
    if (problem) return setError(t('treaty.record.notSent', { problem }));
    setBusy(true);
    try {
      await api(`${participantPath(data.slug, participant.country.code)}/statements/${statement.id}/${what}`, {
        method: 'POST',
        body: { date: date.trim() },
        headers: { 'idempotency-key': idempotencyKey() },
      });
      forgetVerification();
      setBusy(false);
      setDate('');
      flash(t(what === 'confirm' ? 'treaty.statements.confirmed' : 'treaty.statements.withdrawn', { day: date.trim() }), 'success');
      await props.onChanged();
    } catch (failure) {
      setBusy(false);
      setError(inWords(failure, t('treaty.record.notRecorded')));
    }
  };
  const open = statement.withdrawnOn === null;
  return (
    <li class="statement card" data-statement={statement.id} data-kind={statement.kind}>
      <p class="statement__head">
        <strong>{capitalised(wordFor('statementKind', statement.kind))}</strong> · <Day value={statement.date} /> ·{' '}
        {wordFor('treaty.statementAt', statement.at)}
        {statement.confirmed === true && <span class="badge badge--member">{t('treaty.statements.isConfirmed')}</span>}
        {statement.confirmed === false && <span class="badge badge--signed">{t('treaty.statements.notConfirmed')}</span>}
        {statement.withdrawnOn && (
          <span class="badge badge--withdrawn">{t('treaty.statements.withdrawnOn', { day: statement.withdrawnOn })}</span>
        )}
      </p>
      <blockquote class="statement__text" lang={lang ?? undefined} dir={lang === 'ar' ? 'rtl' : lang ? 'ltr' : undefined}>
        {text}
      </blockquote>
      {lang && lang !== language.value && <p class="muted">{t('treaty.statements.onlyIn', { language: LANGUAGE_NAMES[lang] })}</p>}
      {statement.objectsTo !== null && (
        <p class="muted" data-objects-to={statement.objectsTo}>
          {t('treaty.statements.objectionTo', { id: statement.objectsTo })}
          {statement.late ? ` ${t('treaty.statements.late')}` : ''}
        </p>
      )}
      {statement.territories && statement.scope && (
        <p class="muted" data-scope={statement.scope}>
          {t('treaty.statements.territoriesOf', {
            scope: wordFor('treaty.statements.scopeOf', statement.scope),
            territories: listInWords(statement.territories),
          })}
        </p>
      )}
      {statement.reference && <p class="muted">{t('treaty.statements.reference', { reference: statement.reference })}</p>}
      {props.recording && open && (
        <div class="statement__acts">
          <label for={dateId}>{t('treaty.statements.actDate')}</label>{' '}
          <input
            id={dateId}
            dir="ltr"
            maxLength={10}
            placeholder={t('treaty.datePlaceholder')}
            value={date}
            onInput={(event) => setDate(event.currentTarget.value)}
          />{' '}
          {statement.confirmed === false && (
            <button
              type="button"
              class="button button--small"
              data-confirm={statement.id}
              disabled={busy}
              onClick={() => void act('confirm')}
            >
              {t('treaty.statements.confirm')}
            </button>
          )}{' '}
          <button
            type="button"
            class="button button--small"
            data-withdraw={statement.id}
            disabled={busy}
            onClick={() => void act('withdraw')}
          >
            {t('treaty.statements.withdraw')}
          </button>
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </li>
  );
}
