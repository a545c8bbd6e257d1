// A delay of the rule language: the same day, N days or N months later, then perhaps the first day of the next month.
import type { Delay } from '@depositary/domain';
import { t } from '../../i18n';
import { delayInWords } from '../../rule-in-words';

type Unit = 'same' | 'days' | 'months';

const unitOf = (delay: Delay): Unit => (delay.months !== undefined ? 'months' : delay.days !== undefined ? 'days' : 'same');

function withUnit(unit: Unit, amount: number, then: boolean): Delay {
  const delay: Delay = unit === 'same' ? {} : { [unit]: amount };
  if (then) delay.then = 'first_day_of_next_month';
  return delay;
}

export function DelayFields(props: { id: string; legend: string; from: string; delay: Delay; onChange: (delay: Delay) => void }) {
  const { id, delay, onChange } = props;
  const unit = unitOf(delay);
  const amount = delay.days ?? delay.months ?? 0;
  const then = delay.then === 'first_day_of_next_month';
  return (
    <fieldset class="delay" id={id}>
      <legend>{props.legend}</legend>
      <div class="delay__row">
        <label class="field">
          <span>{t('editor.delay.unit')}</span>
          <select
            id={`${id}-unit`}
            value={unit}
            onChange={(event) => onChange(withUnit(event.currentTarget.value as Unit, amount || 30, then))}
          >
            <option value="same">{t('editor.delay.same')}</option>
            <option value="days">{t('editor.delay.days')}</option>
            <option value="months">{t('editor.delay.months')}</option>
          </select>
        </label>
        {unit !== 'same' && (
          <label class="field">
            <span>{t(unit === 'days' ? 'editor.delay.howManyDays' : 'editor.delay.howManyMonths')}</span>
            <input
              id={`${id}-amount`}
              type="number"
              min={0}
              max={unit === 'days' ? 3650 : 120}
              step={1}
              value={amount}
              onInput={(event) => onChange(withUnit(unit, Math.trunc(event.currentTarget.valueAsNumber || 0), then))}
            />
          </label>
        )}
        <label class="check">
          <input
            id={`${id}-then`}
            type="checkbox"
            checked={then}
            onChange={(event) => onChange(withUnit(unit, amount, event.currentTarget.checked))}
          />{' '}
          {t('editor.delay.then')}
        </label>
      </div>
      <p class="hint delay__words">{delayInWords(delay, props.from)}</p>
    </fieldset>
  );
}
