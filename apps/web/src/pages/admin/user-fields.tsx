// Fields shared by the user forms: the role (with the country a focal point belongs to) and a new password.
import { ROLES, Role } from '@depositary/domain';
import { t } from '../../i18n';
import { Country, CountryOptions } from './countries';

export const MIN_PASSWORD = 8;

export function RoleField({ id, value, onChange }: { id: string; value: Role; onChange: (role: Role) => void }) {
  return (
    <label class="field">
      <span>{t('users.field.role')}</span>
      <select id={id} name="role" value={value} onChange={(event) => onChange(event.currentTarget.value as Role)}>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`role.${role}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The country of a focal point, by name or code; shown only for that role. */
export function CountryField(props: { id: string; value: string; list: Country[]; onChange: (text: string) => void }) {
  return (
    <label class="field">
      <span>{t('users.field.country')}</span>
      <input
        id={props.id}
        name="country"
        list={`${props.id}-list`}
        value={props.value}
        placeholder={t('audit.countryPlaceholder')}
        autocomplete="off"
        maxLength={80}
        required
        onInput={(event) => props.onChange(event.currentTarget.value)}
      />
      <CountryOptions id={`${props.id}-list`} list={props.list} />
    </label>
  );
}

export function PasswordField({ id, value, onChange }: { id: string; value: string; onChange: (text: string) => void }) {
  return (
    <label class="field">
      <span>{t('users.field.password')}</span>
      <input
        id={id}
        name="password"
        type="password"
        value={value}
        required
        minLength={MIN_PASSWORD}
        autocomplete="new-password"
        dir="ltr"
        aria-describedby={`${id}-hint`}
        onInput={(event) => onChange(event.currentTarget.value)}
      />
      <span class="hint" id={`${id}-hint`}>
        {t('users.passwordHint', { count: MIN_PASSWORD })}
      </span>
    </label>
  );
}
