// A treaty's reminder policies: per status that owes a step, after how many days, how often, and how many times.
import type { ReminderPolicy } from '@depositary/contracts';
import { REMINDABLE_STATUSES } from '@depositary/domain';
import { t, wordFor } from '../../i18n';
import { inputNumber } from './rule-draft';

export function RemindersFields(props: { reminders: ReminderPolicy[]; onChange: (reminders: ReminderPolicy[]) => void }) {
  const { reminders, onChange } = props;
  const set = (index: number, change: Partial<ReminderPolicy> | null) =>
    onChange(
      change === null
        ? reminders.filter((_, at) => at !== index)
        : reminders.map((policy, at) => (at === index ? { ...policy, ...change } : policy)),
    );
  const free = REMINDABLE_STATUSES.filter((status) => !reminders.some((policy) => policy.status === status));
  const numberField = (index: number, field: 'afterDays' | 'everyDays' | 'maxReminders', min: number) => (
    <label class="field">
      <span>{t(`editor.reminders.${field}`)}</span>
      <input
        id={`reminder-${index}-${field}`}
        type="number"
        min={min}
        step={1}
        value={reminders[index][field]}
        onInput={(event) => set(index, { [field]: inputNumber(event.currentTarget) ?? 0 })}
      />
    </label>
  );
  return (
    <fieldset class="reminders">
      <legend>{t('editor.reminders.legend')}</legend>
      <p class="hint">{t('editor.reminders.hint')}</p>
      {reminders.map((policy, index) => (
        <div class="rule-row reminders__policy" key={policy.status}>
          <label class="field">
            <span>{t('editor.reminders.status')}</span>
            <select
              id={`reminder-${index}-status`}
              value={policy.status}
              onChange={(event) => set(index, { status: event.currentTarget.value })}
            >
              {REMINDABLE_STATUSES.filter((status) => status === policy.status || free.includes(status)).map((status) => (
                <option key={status} value={status}>
                  {wordFor('status', status)}
                </option>
              ))}
            </select>
          </label>
          {numberField(index, 'afterDays', 0)}
          {numberField(index, 'everyDays', 1)}
          {numberField(index, 'maxReminders', 0)}
          <button type="button" class="button button--small button--quiet" onClick={() => set(index, null)}>
            {t('editor.reminders.remove', { status: wordFor('status', policy.status) })}
          </button>
        </div>
      ))}
      {free.length > 0 && (
        <button
          type="button"
          class="button button--small"
          onClick={() => onChange([...reminders, { status: free[0], afterDays: 90, everyDays: 90, maxReminders: 4 }])}
        >
          {t('editor.reminders.add')}
        </button>
      )}
    </fieldset>
  );
}
