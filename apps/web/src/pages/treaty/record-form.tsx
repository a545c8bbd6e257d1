// The form to record one act of a country: only the acts its status allows, the date checked as the service
// would before sending, sent once (Idempotency-Key) and against the version read (If-Match).
import { useState } from 'preact/hooks';
import {
  DomainError,
  SIGNATURE_KINDS,
  checkActDate,
  isIsoDate,
  latestDate,
  replay,
  todayUtc,
  type EventAction,
  type HistoryEvent,
  type ParticipantStatus,
  type PersonAction,
} from '@depositary/domain';
import type { EventView, ParticipantView } from '@depositary/contracts';
import { ApiError, api, idempotencyKey } from '../../api';
import { flash } from '../../components/flash';
import { inWords } from '../../errors';
import { countryName, formatDay, t, wordFor } from '../../i18n';
import { forgetVerification } from './chain';
import type { Notice } from './drawer';
import { type ParticipantRecord, type TreatyData, participantPath } from './load';

export interface Recorded {
  participant?: ParticipantView;
  notice: Notice;
  /** The version the act left: the drawer reads again until the worker moves it on. */
  watchFrom?: number;
}

const maxDay = (...days: (string | null | undefined)[]): string =>
  days.filter((day): day is string => Boolean(day)).reduce((a, b) => (a > b ? a : b), '');

/**
 * The day no act may precede, as the service decides it: the record replayed from the participant's events,
 * then its latest date (a revocation may be dated before the exit it undoes).
 */
export function previousActOn(p: ParticipantRecord, action?: string): string | null {
  try {
    const events: HistoryEvent[] = p.events.map((event) => ({
      action: event.action as EventAction,
      date: event.date,
      to: event.to as ParticipantStatus,
      details: event.details,
    }));
    const current = replay(events).at(-1)?.record;
    return current ? latestDate(current, { exit: action !== 'revoke_withdrawal' }) : null;
  } catch {
    return p.invitedOn;
  }
}

/** The domain's date rules for an act, as a sentence in the page's language (null: the date is good). */
export function dateProblem(date: string, openedForSignatureOn: string, previousOn: string | null): string | null {
  const today = todayUtc();
  if (!date) return t('treaty.date.missing');
  try {
    checkActDate(date, { today, openedForSignatureOn, previousOn });
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const day = formatDay(date);
    if (!isIsoDate(date)) return t('treaty.date.notADay', { value: date, today });
    if ('today' in error.details) return t('treaty.date.future', { day, today: formatDay(today) });
    if ('openedForSignatureOn' in error.details) return t('treaty.date.beforeOpening', { day, opened: formatDay(openedForSignatureOn) });
    return t('treaty.date.beforePrevious', { day, previous: formatDay(previousOn ?? '') });
  }
}

export function RecordForm(props: { data: TreatyData; participant: ParticipantRecord; onDone: (outcome: Recorded) => Promise<void> }) {
  const { data, participant: p } = props;
  const allowed = p.allowedActions;
  const [action, setAction] = useState<PersonAction | undefined>(allowed[0]);
  const [date, setDate] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({ signature: 'subject_to_ratification' });
  const [error, setError] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const name = countryName(p.country.code, p.country.name);
  if (!allowed.length || !action)
    return (
      <section class="drawer__section record" aria-labelledby="record-title">
        <h3 id="record-title">{t('treaty.record.title')}</h3>
        <p class="muted">{t('treaty.record.nothing', { status: wordFor('status', p.status) })}</p>
      </section>
    );
  const today = todayUtc();
  const earliest = maxDay(data.treaty.openedForSignatureOn, previousActOn(p, action));
  const field = (key: string) => ({
    value: fields[key] ?? '',
    onInput: (event: Event) => setFields({ ...fields, [key]: (event.currentTarget as HTMLInputElement).value }),
  });
  const correcting = action === 'correct';

  const submit = async (event: Event) => {
    event.preventDefault();
    setError('');
    const body: Record<string, string> = { action };
    const text = (key: string): string => (fields[key] ?? '').trim();
    if (correcting) {
      if (!text('reason')) {
        setError(t('treaty.record.needsReason'));
        document.getElementById('record-reason')?.focus();
        return;
      }
      body.reason = text('reason');
    } else {
      const problem = dateProblem(date.trim(), data.treaty.openedForSignatureOn, previousActOn(p, action));
      if (problem) {
        setError(t('treaty.record.notSent', { problem }));
        setInvalid(true);
        document.getElementById('record-date')?.focus();
        return;
      }
      body.date = date.trim();
    }
    if (action === 'sign') body.signature = text('signature');
    if (action === 'succeed' && text('effectiveFrom')) body.effectiveFrom = text('effectiveFrom');
    if (action === 'succeed' && text('predecessor')) body.predecessor = text('predecessor');
    if (action === 'withdraw' && text('effectiveOn')) body.effectiveOn = text('effectiveOn');
    if (text('reference')) body.reference = text('reference');
    if (text('note')) body.note = text('note');
    setBusy(true);
    try {
      const result = await api<{ participant: ParticipantView; event: EventView }>(
        `${participantPath(data.slug, p.country.code)}/actions`,
        { method: 'POST', body, headers: { 'if-match': `"${p.version}"`, 'idempotency-key': idempotencyKey() } },
      );
      const words = t(result.event.date && !correcting ? 'treaty.record.doneOn' : 'treaty.record.done', {
        act: wordFor('event', result.event.action),
        name,
        day: result.event.date,
        status: wordFor('status', result.participant.status),
      });
      forgetVerification();
      flash(words, 'success');
      await props.onDone({
        participant: result.participant,
        notice: { text: words, kind: 'success' },
        watchFrom: result.event.action === 'sign' ? undefined : result.participant.version,
      });
    } catch (failure) {
      setBusy(false);
      if (failure instanceof ApiError && failure.status === 401) return;
      const words = inWords(failure, t('treaty.record.notRecorded'));
      if (failure instanceof ApiError && (failure.status === 412 || failure.status === 409)) {
        await props.onDone({ notice: { text: words, kind: 'error' } });
        return;
      }
      setError(words);
    }
  };

  return (
    <section class="drawer__section record" aria-labelledby="record-title">
      <h3 id="record-title">{t('treaty.record.title')}</h3>
      <form class="record-form" noValidate onSubmit={(event) => void submit(event)}>
        <p class="hint">{t('treaty.record.hint', { status: wordFor('status', p.status), version: p.version })}</p>
        <div class="field-block">
          <label for="record-action">{t('treaty.record.act')}</label>
          <select
            id="record-action"
            name="action"
            required
            value={action}
            onChange={(event) => setAction(event.currentTarget.value as PersonAction)}
          >
            {allowed.map((name) => (
              <option key={name} value={name}>
                {wordFor('action', name)}
              </option>
            ))}
          </select>
        </div>
        <div class="field-block" hidden={correcting}>
          <label for="record-date">{t('treaty.record.date')}</label>
          <div class="date-row">
            <input
              id="record-date"
              name="date"
              type="text"
              inputMode="numeric"
              placeholder={t('treaty.datePlaceholder')}
              maxLength={10}
              autocomplete="off"
              dir="ltr"
              value={date}
              aria-invalid={invalid ? 'true' : undefined}
              aria-describedby="record-date-hint record-date-words"
              onInput={(event) => {
                setDate(event.currentTarget.value);
                setInvalid(false);
              }}
            />
            <button type="button" class="button button--small" onClick={() => (setDate(today), setInvalid(false))}>
              {t('treaty.record.today')}
            </button>
            <span class="date-words" id="record-date-words" aria-live="polite">
              {isIsoDate(date.trim()) ? formatDay(date.trim()) : ''}
            </span>
          </div>
          <p class="hint" id="record-date-hint">
            {t('treaty.record.dateHint', { earliest, earliestWords: formatDay(earliest), today })}
          </p>
        </div>
        <div class="field-block" hidden={action !== 'sign'}>
          <label for="record-signature">{t('treaty.record.signature')}</label>
          <select id="record-signature" name="signature" {...field('signature')}>
            {SIGNATURE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {wordFor('signature', kind)}
              </option>
            ))}
          </select>
        </div>
        <div class="field-block" hidden={action !== 'succeed'}>
          <label for="record-effective-from">{t('treaty.record.effectiveFrom')}</label>
          <input
            id="record-effective-from"
            name="effectiveFrom"
            placeholder={t('treaty.datePlaceholder')}
            maxLength={10}
            dir="ltr"
            {...field('effectiveFrom')}
          />
          <label for="record-predecessor">{t('treaty.record.predecessor')}</label>
          <input id="record-predecessor" name="predecessor" maxLength={200} autocomplete="off" {...field('predecessor')} />
        </div>
        <div class="field-block" hidden={action !== 'withdraw'}>
          <label for="record-effective-on">{t('treaty.record.effectiveOn')}</label>
          <input
            id="record-effective-on"
            name="effectiveOn"
            placeholder={t('treaty.datePlaceholder')}
            maxLength={10}
            dir="ltr"
            {...field('effectiveOn')}
          />
        </div>
        <div class="field-block" hidden={!correcting}>
          <label for="record-reason">{t('treaty.record.reason')}</label>
          <textarea id="record-reason" name="reason" maxLength={4000} rows={2} {...field('reason')} />
        </div>
        <div class="field-block">
          <label for="record-reference">{t('treaty.record.reference')}</label>
          <input id="record-reference" name="reference" maxLength={500} autocomplete="off" {...field('reference')} />
        </div>
        <div class="field-block">
          <label for="record-note">{t('treaty.record.note')}</label>
          <textarea id="record-note" name="note" maxLength={4000} rows={2} {...field('note')} />
        </div>
        <p class="form-error" role="alert" id="record-error">
          {error}
        </p>
        <div class="form-actions">
          <button type="submit" class="button button--primary" id="record-submit" disabled={busy}>
            {busy ? t('treaty.record.recording') : t('treaty.record.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
