// A new user: e-mail, name, role (and country for a focal point), language, first password.
import { useState } from 'preact/hooks';
import type { UserView } from '@depositary/contracts';
import type { Role } from '@depositary/domain';
import { api } from '../../api';
import { flash } from '../../components/flash';
import { inWords } from '../../errors';
import { t } from '../../i18n';
import type { Language } from '../../i18n/messages';
import { Country, countryOf } from './countries';
import { MIN_PASSWORD, PasswordField, RoleFields } from './user-fields';
import { EmailField, LanguageSelect, NameField } from '../../components/fields';

export function UserCreateForm({ countries, onCreated }: { countries: Country[]; onCreated: (user: UserView) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('officer');
  const [country, setCountry] = useState('');
  const [language, setLanguage] = useState<Language>('en');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const problems: string[] = [];
    if (!email.trim() || !name.trim()) problems.push(t('users.missing'));
    const code = role === 'focal_point' ? countryOf(country, countries) : null;
    if (role === 'focal_point' && !code) problems.push(t('users.needsCountry'));
    if (password.length < MIN_PASSWORD) problems.push(t('users.passwordHint', { count: MIN_PASSWORD }));
    if (problems.length) return setError(problems.join(' '));
    setBusy(true);
    try {
      const body = { email: email.trim(), name: name.trim(), role, language, password, ...(code ? { country: code } : {}) };
      const created = await api<UserView>('/api/users', { method: 'POST', body });
      flash(t('users.created', { email: created.email, role: t(`role.${created.role}`) }), 'success');
      setEmail('');
      setName('');
      setCountry('');
      setPassword('');
      setError('');
      onCreated(created);
    } catch (failure) {
      setError(inWords(failure, t('users.couldNotCreate')));
    }
    setBusy(false);
  };

  return (
    <form class="admin-form" id="user-create" noValidate onSubmit={(event) => void submit(event)}>
      <EmailField id="user-email" label={t('users.field.email')} value={email} onInput={setEmail} />
      <NameField id="user-name" label={t('users.field.name')} value={name} onInput={setName} />
      <RoleFields id="user" role={role} onRole={setRole} country={country} onCountry={setCountry} countries={countries} />
      <label class="field">
        <span>{t('users.field.language')}</span>
        <LanguageSelect id="user-language" value={language} onChange={setLanguage} />
      </label>
      <PasswordField id="user-password" value={password} onChange={setPassword} />
      <div class="form-actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          {t('users.create')}
        </button>
      </div>
      <p class="form-error" role="alert" id="user-create-error">
        {error}
      </p>
    </form>
  );
}
