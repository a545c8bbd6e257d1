// The builder of an entry-into-force rule: every part of the rule language, each written into the draft as it changes.
import { INSTRUMENTS } from '@depositary/domain';
import { t } from '../../i18n';
import type { Country } from './countries';
import { CountryPicker } from './country-picker';
import { DelayFields } from './delay-fields';
import { RuleDraft, codesOf, delayOf, groupsOf, inputNumber, numberOr, weightsDraftToJson, weightsOf, withField } from './rule-draft';
import { instrumentWord } from '../../rule-in-words';
import { WeightsFields } from './rule-weights';

export function RuleBuilder(props: {
  draft: RuleDraft;
  countries: readonly Country[];
  disabled: boolean;
  onChange: (draft: RuleDraft) => void;
}) {
  const { draft, countries, onChange } = props;
  const set = (key: string, value: unknown) => onChange(withField(draft, key, value));
  const counted = Array.isArray(draft.countedInstruments) ? codesOf(draft.countedInstruments) : [...INSTRUMENTS];
  const weights = weightsOf(draft.weights);
  const groups = groupsOf(draft.minimumFrom);
  const required = Array.isArray(draft.requiredParties) ? codesOf(draft.requiredParties) : null;
  const setGroups = (next: typeof groups) =>
    set('minimumFrom', next.length ? next.map((group) => ({ parties: group.parties, count: group.count })) : undefined);
  return (
    <fieldset class="rule-builder" disabled={props.disabled}>
      <legend>{t('editor.rule.builder')}</legend>
      <div class="rule-row">
        <label class="field">
          <span>{t('editor.rule.minimumParties')}</span>
          <input
            id="rule-minimum-parties"
            type="number"
            min={1}
            max={1000}
            step={1}
            value={numberOr(draft.minimumParties) ?? ''}
            aria-describedby="rule-minimum-parties-hint"
            onInput={(event) => set('minimumParties', inputNumber(event.currentTarget))}
          />
        </label>
        <label class="field">
          <span>{t('editor.rule.notBefore')}</span>
          <input
            id="rule-not-before"
            type="date"
            value={typeof draft.notBefore === 'string' ? draft.notBefore : ''}
            onInput={(event) => set('notBefore', event.currentTarget.value || undefined)}
          />
        </label>
      </div>
      <p id="rule-minimum-parties-hint" class="hint">
        {t('editor.rule.minimumPartiesHint')}
      </p>
      <fieldset class="rule-instruments">
        <legend>{t('editor.rule.countedInstruments')}</legend>
        {INSTRUMENTS.map((instrument) => (
          <label key={instrument} class="check">
            <input
              type="checkbox"
              name="counted"
              value={instrument}
              checked={counted.includes(instrument)}
              onChange={(event) => {
                const next = event.currentTarget.checked
                  ? INSTRUMENTS.filter((one) => one === instrument || counted.includes(one))
                  : counted.filter((one) => one !== instrument);
                set('countedInstruments', next.length === INSTRUMENTS.length ? undefined : next);
              }}
            />{' '}
            {instrumentWord(instrument)}
          </label>
        ))}
      </fieldset>
      <fieldset class="rule-part">
        <legend>{t('editor.rule.weights')}</legend>
        <label class="check">
          <input
            id="rule-weights-on"
            type="checkbox"
            checked={weights !== undefined}
            onChange={(event) => set('weights', event.currentTarget.checked ? { values: {}, minimumShare: 55 } : undefined)}
          />{' '}
          {t('editor.rule.weightsOn')}
        </label>
        {weights && <WeightsFields countries={countries} weights={weights} onChange={(next) => set('weights', weightsDraftToJson(next))} />}
      </fieldset>
      <fieldset class="rule-part">
        <legend>{t('editor.rule.groups')}</legend>
        <p class="hint">{t('editor.rule.groupsHint')}</p>
        {groups.map((group, index) => (
          <div class="rule-group" key={index}>
            <label class="field">
              <span>{t('editor.rule.groupCount', { number: index + 1 })}</span>
              <input
                id={`rule-group-${index}-count`}
                type="number"
                min={1}
                step={1}
                value={group.count ?? ''}
                onInput={(event) =>
                  setGroups(groups.map((old, at) => (at === index ? { ...old, count: inputNumber(event.currentTarget) } : old)))
                }
              />
            </label>
            <CountryPicker
              id={`rule-group-${index}`}
              legend={t('editor.rule.groupParties', { number: index + 1 })}
              countries={countries}
              selected={group.parties}
              compact
              onChange={(parties) => setGroups(groups.map((old, at) => (at === index ? { ...old, parties } : old)))}
            />
            <button
              type="button"
              class="button button--small button--quiet"
              onClick={() => setGroups(groups.filter((_, at) => at !== index))}
            >
              {t('editor.rule.removeGroup', { number: index + 1 })}
            </button>
          </div>
        ))}
        <button type="button" class="button button--small" onClick={() => setGroups([...groups, { parties: [], count: 1 }])}>
          {t('editor.rule.addGroup')}
        </button>
      </fieldset>
      <fieldset class="rule-part">
        <legend>{t('editor.rule.required')}</legend>
        <label class="check">
          <input
            id="rule-required-on"
            type="checkbox"
            checked={required !== null}
            onChange={(event) => set('requiredParties', event.currentTarget.checked ? [] : undefined)}
          />{' '}
          {t('editor.rule.requiredOn')}
        </label>
        {required && (
          <CountryPicker
            id="rule-required"
            legend={t('editor.rule.requiredParties')}
            countries={countries}
            selected={required}
            compact
            onChange={(codes) => set('requiredParties', codes)}
          />
        )}
      </fieldset>
      <DelayFields
        id="rule-enters"
        legend={t('editor.rule.entersIntoForce')}
        from={t('rule.fromThreshold')}
        delay={delayOf(draft.entersIntoForce)}
        onChange={(delay) => set('entersIntoForce', delay)}
      />
      <fieldset class="rule-part">
        <legend>{t('editor.rule.laterParties')}</legend>
        <label class="check">
          <input
            id="rule-later-on"
            type="checkbox"
            checked={draft.laterParties !== undefined}
            onChange={(event) => set('laterParties', event.currentTarget.checked ? delayOf(draft.entersIntoForce) : undefined)}
          />{' '}
          {t('editor.rule.laterOn')}
        </label>
        {draft.laterParties !== undefined && (
          <DelayFields
            id="rule-later"
            legend={t('editor.rule.laterDelay')}
            from={t('rule.fromDeposit')}
            delay={delayOf(draft.laterParties)}
            onChange={(delay) => set('laterParties', delay)}
          />
        )}
      </fieldset>
    </fieldset>
  );
}
