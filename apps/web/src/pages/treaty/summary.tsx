// The treaty's status: the headline, why, the progress toward the threshold and the participants by status.
import { PARTICIPANT_STATUSES, type ParticipantStatus } from '@depositary/domain';
import type { TreatyStatusView, TreatyView } from '@depositary/contracts';
import { Badge, Day } from '../../components/ui';
import { countryName, formatNumber, listInWords, t, wordFor } from '../../i18n';
import type { TreatyData } from './load';
import { explanationInWords } from './words';
import { ProgressBar } from '../../components/ui';

export function Summary(props: { data: TreatyData; scoped: boolean; onStatus: (status: ParticipantStatus) => void }) {
  const { status, treaty } = props.data;
  return (
    <section id="treaty-summary" class="summary" aria-labelledby="summary-title">
      <h2 id="summary-title" class="visually-hidden">
        {t('treaty.summary.title')}
      </h2>
      <div class="summary__status card">
        <p class="summary__badge">
          <Badge status={status.status} kind="treatyStatus" />
        </p>
        <Headline status={status} />
        <p class="explanation" id="explanation">
          {explanationInWords(status)}
        </p>
      </div>
      <div class="summary__progress card">
        <h3>{t('treaty.summary.toward')}</h3>
        <ThresholdSummary status={status} treaty={treaty} />
      </div>
      <div class="summary__counts card">
        <h3>{t('treaty.summary.byStatus')}</h3>
        <ul class="count-chips">
          {PARTICIPANT_STATUSES.map((name) => {
            const chip = (
              <>
                <span class="count-chip__n">{formatNumber(status.counts[name] ?? 0)}</span> {wordFor('status', name)}
              </>
            );
            return (
              <li key={name}>
                {props.scoped ? (
                  <span class="count-chip count-chip--static" title={wordFor('statusHint', name)}>
                    {chip}
                  </span>
                ) : (
                  <button
                    type="button"
                    class="count-chip"
                    title={t('treaty.summary.showOnly', { status: wordFor('status', name), hint: wordFor('statusHint', name) })}
                    onClick={() => props.onStatus(name)}
                  >
                    {chip}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}

function Headline({ status }: { status: TreatyStatusView }) {
  if (status.status === 'in_force' && status.entryIntoForceOn)
    return (
      <p class="headline">
        {t('treaty.headline.inForceSince')} <Day value={status.entryIntoForceOn} style="words" />
      </p>
    );
  if (status.entryIntoForceOn)
    return (
      <p class="headline">
        {t('treaty.headline.entersOn')} <Day value={status.entryIntoForceOn} style="words" />
        {status.threshold.metOn && (
          <span class="muted">
            {' '}
            ({t('treaty.headline.metOn')} <Day value={status.threshold.metOn} style="words" />)
          </span>
        )}
      </p>
    );
  return <p class="headline">{t('treaty.headline.notYet')}</p>;
}

function ThresholdSummary({ status, treaty }: { status: TreatyStatusView; treaty: TreatyView }) {
  const threshold = status.threshold;
  const rule = treaty.entryIntoForce;
  const name = (code: string): string => countryName(code);
  return (
    <>
      {threshold.required !== null ? (
        <div class="progress-block">
          <p class="progress-block__label" id="progress-count">
            <strong>{t('treaty.progress.of', { current: threshold.current, required: threshold.required })}</strong>{' '}
            {threshold.current >= threshold.required
              ? t('treaty.progress.reached', { count: threshold.current })
              : t('treaty.progress.more', { count: threshold.required - threshold.current })}
          </p>
          <ProgressBar current={threshold.current} required={threshold.required} label={t('treaty.progress.label')} />
        </div>
      ) : (
        <p id="progress-count">
          <strong>{formatNumber(threshold.current)}</strong> {t('treaty.progress.deposited', { count: threshold.current })}
        </p>
      )}
      {rule.weights && (
        <div class="progress-block">
          <p class="progress-block__label">
            <strong>{t('treaty.progress.shareOf', { share: threshold.share ?? 0, required: rule.weights.minimumShare })}</strong>{' '}
            {t('treaty.progress.ofShare')}
          </p>
          <ProgressBar
            current={threshold.share ?? 0}
            required={rule.weights.minimumShare}
            label={t('treaty.progress.shareLabel')}
            unit="%"
          />
        </div>
      )}
      {threshold.missingRequired.length > 0 && (
        <p class="missing">
          <strong>{t('treaty.progress.stillRequired')}</strong>{' '}
          {listInWords(threshold.missingRequired.map((code) => `${name(code)} (${code})`))}
        </p>
      )}
      {threshold.missingFromGroups
        .filter((group) => group.have < group.count)
        .map((group, index) => (
          <p class="missing" key={index}>
            <strong>{t('treaty.progress.fromGroup', { have: group.have, count: group.count })}</strong>{' '}
            {listInWords(group.parties.map(name))}
          </p>
        ))}
    </>
  );
}
