// Fields shared by the user forms: the role (with the country a focal point belongs to) and a new password.
import { ROLES, Role } from '@depositary/domain';
import { TextField } from '../../components/fields';
import { t } from '../../i18n';
import { Country, CountryField } from './countries';

export const MIN_PASSWORD = 8;

/** The role (`{id}-role`) and, for a focal point only, its country by name or code (`{id}-country`). */
export function RoleFields(props: {
  id: string;
  role: Role;
  onRole: (role: Role) => void;
  country: string;
  onCountry: (text: string) => void;
  countries: Country[];
}) {
  const { id } = props;
  return (
    <>
      <label class="field">
        <span>{t('users.field.role')}</span>
        <select id={`${id}-role`} name="role" value={props.role} onChange={(event) => props.onRole(event.currentTarget.value as Role)}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      </label>
      {props.role === 'focal_point' && (
        <CountryField
          id={`${id}-country`}
          label={t('users.field.country')}
          name="country"
          required
          value={props.country}
          list={props.countries}
          onChange={props.onCountry}
        />
      )}
    </>
  );
}

export function PasswordField({ id, value, onChange }: { id: string; value: string; onChange: (text: string) => void }) {
  return (
    <TextField
      id={id}
      label={t('users.field.password')}
      name="password"
      type="password"
      value={value}
      required
      minLength={MIN_PASSWORD}
      autocomplete="new-password"
      dir="ltr"
      hint={t('users.passwordHint', { count: MIN_PASSWORD })}
      onInput={onChange}
    />
  );
}
