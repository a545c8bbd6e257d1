// What the rule being edited gives against the treaty's record as it stands (or against no record, for a new
// treaty): the threshold and the entry-into-force date, computed in the page by the domain's own function.
import type { ParticipantView } from '@depositary/contracts';
import { type Deposit, type EntryIntoForceRule, entryIntoForceOf, evaluateEntryIntoForce, todayUtc } from '@depositary/domain';
import { countryName, formatDay, formatNumber, listInWords, t } from '../../i18n';
import { ruleInWords } from '../../rule-in-words';

/** The deposits of the chart: each participant's instrument, counted until its withdrawal takes effect. */
function depositsOf(participants: readonly ParticipantView[]): Deposit[] {
  return participants.flatMap((participant) =>
    participant.instrument && participant.depositedOn
      ? [
          {
            country: participant.country.code,
            instrument: participant.instrument,
            depositedOn: participant.depositedOn,
            withdrawnOn: participant.withdrawnOn ?? participant.withdrawal?.effectiveOn ?? null,
            effectiveFrom: participant.effectiveFrom,
          },
        ]
      : [],
  );
}

export function RulePreview(props: { rule: EntryIntoForceRule | null; participants: readonly ParticipantView[] | null }) {
  const { rule, participants } = props;
  const names = new Map((participants ?? []).map((participant) => [participant.country.code, participant.country.name]));
  return (
    <section class="card rule-preview" aria-labelledby="rule-preview-title">
      <h2 id="rule-preview-title">{t('editor.preview.title')}</h2>
      <p class="hint">{participants ? t('editor.preview.againstRecord', { count: participants.length }) : t('editor.preview.noRecord')}</p>
      <div id="rule-preview" aria-live="polite">
        {rule ? <Outcome rule={rule} deposits={depositsOf(participants ?? [])} names={names} /> : <p>{t('editor.preview.invalid')}</p>}
      </div>
      {rule && (
        <p id="rule-words" class="rule-words">
          {ruleInWords(rule, names)}
        </p>
      )}
    </section>
  );
}

function Outcome({ rule, deposits, names }: { rule: EntryIntoForceRule; deposits: Deposit[]; names: ReadonlyMap<string, string> }) {
  const today = todayUtc();
  // As the service reads the record today: a withdrawal notified for a later day still counts.
  const outcome = evaluateEntryIntoForce(rule, deposits, today);
  const name = (code: string): string => countryName(code, names.get(code));
  const lines: string[] = [];
  if (outcome.met && outcome.metOn && outcome.entryIntoForceOn) {
    lines.push(
      t('editor.preview.met', {
        date: formatDay(outcome.metOn),
        count: outcome.decisiveOrdinal ?? 0,
        country: outcome.decisive ? name(outcome.decisive.country) : '',
      }),
    );
    lines.push(
      t(outcome.entryIntoForceOn <= today ? 'editor.preview.inForceSince' : 'editor.preview.entersOn', {
        date: formatDay(outcome.entryIntoForceOn),
      }),
    );
  } else {
    const needs = outcome.required === null ? 0 : Math.max(0, outcome.required - outcome.current);
    lines.push(
      outcome.required === null
        ? t('editor.preview.notMet', { current: outcome.current })
        : t('editor.preview.notMetNeeds', { count: needs, current: outcome.current, required: outcome.required }),
    );
    if (outcome.share !== null && rule.weights)
      lines.push(t('editor.preview.share', { share: formatNumber(outcome.share), minimum: formatNumber(rule.weights.minimumShare) }));
    if (outcome.missingRequired.length)
      lines.push(t('editor.preview.missingRequired', { parties: listInWords(outcome.missingRequired.map(name)) }));
    for (const group of outcome.missingFromGroups)
      lines.push(t('editor.preview.missingGroup', { have: group.have, count: group.count, parties: listInWords(group.parties.map(name)) }));
    lines.push(t('editor.preview.ifToday', { date: formatDay(entryIntoForceOf(rule, today)) }));
  }
  return (
    <ul class="rule-preview__lines">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
