// The answer to one act for many countries: each country recorded, or each refusal with its reason in words.
import type { EventView, ParticipantView, TreatyStatusView } from '@depositary/contracts';
import { Badge } from '../../components/ui';
import { countryName, formatDay, listInWords, t, wordFor } from '../../i18n';

export interface Refusal {
  country: string;
  status: string;
  allowed: string[];
}

export type ActOutcome =
  | {
      kind: 'recorded';
      action: string;
      date: string;
      items: { participant: ParticipantView; event: EventView }[];
      status: TreatyStatusView | null;
    }
  | { kind: 'refused'; action: string; countries: string[]; failures: Refusal[] }
  | { kind: 'failed'; message: string };

export function ActResults({ outcome, names }: { outcome: ActOutcome; names: ReadonlyMap<string, string> }) {
  const name = (code: string): string => countryName(code, names.get(code));
  if (outcome.kind === 'failed')
    return (
      <p id="acts-result" class="notice notice--error" role="alert">
        {outcome.message}
      </p>
    );
  const recorded = outcome.kind === 'recorded';
  const failures =
    outcome.kind === 'refused' ? new Map(outcome.failures.map((failure) => [failure.country, failure])) : new Map<string, Refusal>();
  const rows = recorded
    ? outcome.items.map(({ participant }) => participant.country.code)
    : [...outcome.countries].sort((a, b) => Number(failures.has(b)) - Number(failures.has(a)));
  return (
    <section id="acts-result" class={`card acts-result acts-result--${outcome.kind}`} aria-labelledby="acts-result-title">
      <h2 id="acts-result-title" role={recorded ? undefined : 'alert'}>
        {recorded
          ? t('editor.acts.recorded', {
              count: outcome.items.length,
              act: wordFor('actionShort', outcome.action),
              date: formatDay(outcome.date),
            })
          : t('editor.acts.refused', {
              count: outcome.failures.length,
              total: outcome.countries.length,
              act: wordFor('actionShort', outcome.action),
            })}
      </h2>
      {recorded && outcome.status && (
        <p id="acts-counts">
          {t('editor.acts.counts', {
            signed: outcome.status.counts.signed,
            signatories: outcome.status.counts.signatories,
            ratified: outcome.status.counts.ratified + outcome.status.counts.member,
            invited: outcome.status.counts.invited,
          })}
        </p>
      )}
      <div class="table-wrap">
        <table class="data acts-result__table">
          <caption>{t('editor.acts.perCountry')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('editor.rule.country')}</th>
              <th scope="col">{t('editor.acts.outcome')}</th>
              <th scope="col">{t('editor.acts.statusNow')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((code) => {
              const failure = failures.get(code);
              const item = recorded ? outcome.items.find(({ participant }) => participant.country.code === code) : undefined;
              return (
                <tr key={code} data-country={code} data-outcome={recorded ? 'recorded' : failure ? 'refused' : 'not-recorded'}>
                  <th scope="row">
                    {name(code)} <span class="code">{code}</span>
                  </th>
                  <td>
                    {recorded
                      ? t('editor.acts.rowRecorded')
                      : failure
                        ? t('editor.acts.rowRefused', {
                            status: wordFor('status', failure.status),
                            allowed: failure.allowed.length
                              ? t('error.allowedNow', {
                                  actions: listInWords(
                                    failure.allowed.map((act) => wordFor('actionShort', act)),
                                    'disjunction',
                                  ),
                                })
                              : t('error.nothingAllowed'),
                          })
                        : t('editor.acts.rowNotRecorded')}
                  </td>
                  <td>
                    {item ? (
                      <Badge status={item.participant.status} />
                    ) : failure ? (
                      <Badge status={failure.status} />
                    ) : (
                      <span class="none" aria-label={t('shell.none')}>
                        —
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
