// The weighted share of a rule: each listed country's weight, the share to reach and the total it is a share of.
import { countryName, t } from '../../i18n';
import type { Country } from './countries';
import { WeightsDraft, inputNumber } from './rule-draft';

export function WeightsFields(props: { countries: readonly Country[]; weights: WeightsDraft; onChange: (weights: WeightsDraft) => void }) {
  const { countries, weights, onChange } = props;
  const used = new Set(weights.values.map(([code]) => code));
  const free = countries.filter((country) => !used.has(country.code));
  const setRow = (index: number, row: [string, number] | null) =>
    onChange({
      ...weights,
      values: row === null ? weights.values.filter((_, at) => at !== index) : weights.values.map((old, at) => (at === index ? row : old)),
    });
  return (
    <div class="weights">
      <div class="rule-row">
        <label class="field">
          <span>{t('editor.rule.minimumShare')}</span>
          <input
            id="rule-weights-share"
            type="number"
            min={0}
            max={100}
            step="any"
            value={weights.minimumShare ?? ''}
            onInput={(event) => onChange({ ...weights, minimumShare: inputNumber(event.currentTarget) })}
          />
        </label>
        <label class="field">
          <span>{t('editor.rule.total')}</span>
          <input
            id="rule-weights-total"
            type="number"
            min={0}
            step="any"
            value={weights.total ?? ''}
            aria-describedby="rule-weights-total-hint"
            onInput={(event) => onChange({ ...weights, total: inputNumber(event.currentTarget) })}
          />
        </label>
      </div>
      <p id="rule-weights-total-hint" class="hint">
        {t('editor.rule.totalHint')}
      </p>
      <table class="data weights__table">
        <caption>{t('editor.rule.weightsCaption', { count: weights.values.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('editor.rule.country')}</th>
            <th scope="col">{t('editor.rule.weight')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('editor.rule.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {weights.values.map(([code, weight], index) => (
            <tr key={code}>
              <th scope="row">
                {countryName(code, countries.find((country) => country.code === code)?.name)} <span class="code">{code}</span>
              </th>
              <td>
                <input
                  type="number"
                  min={0}
                  step="any"
                  value={weight}
                  aria-label={t('editor.rule.weightOf', { country: countryName(code) })}
                  onInput={(event) => setRow(index, [code, inputNumber(event.currentTarget) ?? 0])}
                />
              </td>
              <td>
                <button
                  type="button"
                  class="button button--small button--quiet"
                  aria-label={t('editor.rule.removeWeight', { country: countryName(code) })}
                  onClick={() => setRow(index, null)}
                >
                  {t('editor.rule.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label class="field weights__add">
        <span>{t('editor.rule.addWeight')}</span>
        <select
          id="rule-weights-add"
          value=""
          onChange={(event) => {
            const code = event.currentTarget.value;
            if (code) onChange({ ...weights, values: [...weights.values, [code, 0]] });
          }}
        >
          <option value="">{t('editor.rule.chooseCountry')}</option>
          {free.map((country) => (
            <option key={country.code} value={country.code}>
              {countryName(country.code, country.name)} ({country.code})
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
