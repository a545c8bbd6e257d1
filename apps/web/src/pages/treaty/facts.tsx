// The treaty's facts (depositary, opening, the rule in words, when the record was read) and the "as at" form.
import { useState } from 'preact/hooks';
import { isIsoDate } from '@depositary/domain';
import { flash } from '../../components/flash';
import { Day } from '../../components/ui';
import { formatDay, instantLong, instantText, t } from '../../i18n';
import type { TreatyData } from './load';
import { ruleInWords } from '../../rule-in-words';

export function Facts({ data, onAsOf, onRefresh }: { data: TreatyData; onAsOf: (asOf: string | null) => void; onRefresh: () => void }) {
  const { treaty, status, asOf, readAt } = data;
  return (
    <div id="treaty-facts">
      <dl class="facts">
        <div>
          <dt>{t('treaty.fact.depositary')}</dt>
          <dd>{treaty.depositary ?? <span class="none">{t('treaty.fact.notNamed')}</span>}</dd>
        </div>
        <div>
          <dt>{t('treaty.fact.opened')}</dt>
          <dd>
            <Day value={treaty.openedForSignatureOn} style="words" />
          </dd>
        </div>
        <div>
          <dt>{t('treaty.fact.rule')}</dt>
          <dd>
            <span id="rule-words">{ruleInWords(treaty.entryIntoForce)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('treaty.fact.asAt')}</dt>
          <dd>
            {asOf ? (
              <time id="as-at" dateTime={asOf}>
                {t('treaty.fact.endOf', { day: formatDay(asOf) })}
              </time>
            ) : (
              <time id="as-at" dateTime={readAt.toISOString()}>
                {instantLong(readAt)}
              </time>
            )}
            {status.evaluatedAt && <span class="muted"> {t('treaty.fact.evaluated', { at: instantText(status.evaluatedAt) })}</span>}{' '}
            <button type="button" class="button button--quiet button--small no-print" onClick={onRefresh}>
              {t('treaty.refresh')}
            </button>
          </dd>
        </div>
      </dl>
      <AsAtForm asOf={asOf} onAsOf={onAsOf} />
    </div>
  );
}

/** The chart and the status as the record stood at the end of a day (`?asOf=`). */
function AsAtForm({ asOf, onAsOf }: { asOf: string | null; onAsOf: (asOf: string | null) => void }) {
  const [value, setValue] = useState(asOf ?? '');
  const [invalid, setInvalid] = useState(false);
  const submit = (event: Event) => {
    event.preventDefault();
    const day = value.trim();
    if (day && !isIsoDate(day)) {
      setInvalid(true);
      flash(t('treaty.asAt.notADay', { value: day }), 'error');
      return;
    }
    setInvalid(false);
    onAsOf(day || null);
  };
  return (
    <form class="as-at-form no-print" id="as-at-form" onSubmit={submit}>
      <label for="as-at-date">{t('treaty.asAt.label')}</label>{' '}
      <input
        id="as-at-date"
        name="asOf"
        placeholder={t('treaty.datePlaceholder')}
        maxLength={10}
        value={value}
        dir="ltr"
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby="as-at-hint"
        onInput={(event) => setValue(event.currentTarget.value)}
      />{' '}
      <button type="submit" class="button button--small">
        {t('treaty.asAt.show')}
      </button>{' '}
      {asOf && (
        <button
          type="button"
          class="button button--quiet button--small"
          onClick={() => {
            setValue('');
            onAsOf(null);
          }}
        >
          {t('treaty.asAt.today')}
        </button>
      )}
      <span class="hint" id="as-at-hint">
        {' '}
        {t('treaty.asAt.hint')}
      </span>
    </form>
  );
}
