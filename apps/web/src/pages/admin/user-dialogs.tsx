// The admin's changes of one user, each in a dialog: role, country and whether the account is active; a new password.
import { useState } from 'preact/hooks';
import type { UserView } from '@depositary/contracts';
import type { Role } from '@depositary/domain';
import { api, seg } from '../../api';
import { Dialog } from '../../components/dialog';
import { flash } from '../../components/flash';
import { inWords } from '../../errors';
import { countryName, t } from '../../i18n';
import { Country, countryOf } from './countries';
import { MIN_PASSWORD, PasswordField, RoleFields } from './user-fields';

interface Props {
  user: UserView;
  countries: Country[];
  onClose: () => void;
  onSaved: (user: UserView) => void;
}

export function UserChangeDialog({ user, countries, onClose, onSaved }: Props) {
  const [role, setRole] = useState<Role>(user.role);
  const [country, setCountry] = useState(user.country ? `${countryName(user.country)} (${user.country})` : '');
  const [active, setActive] = useState(user.active);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const code = role === 'focal_point' ? countryOf(country, countries) : null;
    if (role === 'focal_point' && !code) return setError(t('users.needsCountry'));
    const change: { role?: Role; country?: string | null; active?: boolean } = {};
    if (role !== user.role) change.role = role;
    if (code !== user.country) change.country = code;
    if (active !== user.active) change.active = active;
    if (!Object.keys(change).length) return onClose();
    setBusy(true);
    try {
      const saved = await api<UserView>(`/api/users/${seg(user.id)}`, { method: 'PATCH', body: change });
      flash(t('users.saved', { email: saved.email }), 'success');
      onSaved(saved);
      onClose();
    } catch (failure) {
      setError(inWords(failure, t('users.couldNotSave')));
      setBusy(false);
    }
  };
  return (
    <Dialog id="user-change" titleId="user-change-title" onClose={onClose}>
      <h2 id="user-change-title">{t('users.changeOf', { email: user.email })}</h2>
      <form class="admin-form" id="user-change-form" noValidate onSubmit={(event) => void submit(event)}>
        <RoleFields id="user-change" role={role} onRole={setRole} country={country} onCountry={setCountry} countries={countries} />
        <label class="checkbox">
          <input id="user-change-active" type="checkbox" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          <span>{t('users.field.active')}</span>
        </label>
        <p class="hint">{t('users.changeHint')}</p>
        <div class="form-actions">
          <button type="submit" class="button button--primary" disabled={busy}>
            {t('users.save')}
          </button>
          <button type="button" class="button button--quiet" onClick={onClose}>
            {t('shell.cancel')}
          </button>
        </div>
        <p class="form-error" role="alert" id="user-change-error">
          {error}
        </p>
      </form>
    </Dialog>
  );
}

export function PasswordResetDialog({ user, onClose, onSaved }: Omit<Props, 'countries'>) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (password.length < MIN_PASSWORD) return setError(t('users.passwordHint', { count: MIN_PASSWORD }));
    setBusy(true);
    try {
      const saved = await api<UserView>(`/api/users/${seg(user.id)}`, { method: 'PATCH', body: { password } });
      flash(t('users.passwordReset', { email: saved.email }), 'success');
      onSaved(saved);
      onClose();
    } catch (failure) {
      setError(inWords(failure, t('users.couldNotReset')));
      setBusy(false);
    }
  };
  return (
    <Dialog id="user-reset" titleId="user-reset-title" onClose={onClose}>
      <h2 id="user-reset-title">{t('users.resetOf', { email: user.email })}</h2>
      <form class="admin-form" id="user-reset-form" noValidate onSubmit={(event) => void submit(event)}>
        <PasswordField id="user-new-password" value={password} onChange={setPassword} />
        <p class="hint">{t('users.resetHint')}</p>
        <div class="form-actions">
          <button type="submit" class="button button--primary" disabled={busy}>
            {t('users.reset')}
          </button>
          <button type="button" class="button button--quiet" onClick={onClose}>
            {t('shell.cancel')}
          </button>
        </div>
        <p class="form-error" role="alert" id="user-reset-error">
          {error}
        </p>
      </form>
    </Dialog>
  );
}
