// Fields shared by the user forms: the role (with the country a focal point belongs to) and a new password.
import { ROLES, Role } from '@depositary/domain';
import { TextField } from '../../components/fields';
import { t } from '../../i18n';

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
