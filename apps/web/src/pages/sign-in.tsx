import { useRef, useState } from 'preact/hooks';
import type { AccountView } from '@depositary/contracts';
import { ApiError, api } from '../api';
import { PageHeading } from '../components/page-heading';
import { inWords } from '../errors';
import { setLanguage, t } from '../i18n';
import { isLanguage } from '../i18n/messages';
import { endedBecause, startSession } from '../session';

interface TokenAnswer {
  accessToken: string;
  expiresIn: number;
}

export function SignIn() {
  const [error, setError] = useState(endedBecause.value ?? '');
  const [busy, setBusy] = useState(false);
  const password = useRef<HTMLInputElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const field = (name: string): string => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    const email = field('email').trim();
    const secret = field('password');
    if (!email || !secret) return setError(t('signIn.missing'));
    setBusy(true);
    setError('');
    try {
      const token = await api<TokenAnswer>('/api/auth/token', { method: 'POST', body: { email, password: secret } });
      const me = await api<AccountView>('/api/users/me', { headers: { authorization: `Bearer ${token.accessToken}` } });
      if (isLanguage(me.language)) setLanguage(me.language);
      endedBecause.value = null;
      startSession({
        token: token.accessToken,
        email: me.email,
        role: me.role,
        userId: me.id,
        expiresAt: Date.now() + token.expiresIn * 1000,
        permissions: me.permissions,
        country: me.country,
      });
    } catch (failure) {
      setError(failure instanceof ApiError && failure.status === 401 ? t('signIn.refused') : inWords(failure, t('signIn.failed')));
      setBusy(false);
      password.current?.select();
    }
  };

  return (
    <form class="sign-in card" aria-labelledby="sign-in-title" noValidate onSubmit={(event) => void submit(event)}>
      <PageHeading title={t('signIn.title')} id="sign-in-title" />
      <p class="muted">{t('signIn.hint')}</p>
      <label for="email">{t('signIn.email')}</label>
      <input id="email" name="email" type="email" autocomplete="username" required autoFocus dir="ltr" />
      <label for="password">{t('signIn.password')}</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required ref={password} dir="ltr" />
      <p class="form-error" role="alert" id="sign-in-error">
        {error}
      </p>
      <button type="submit" class="button button--primary" disabled={busy}>
        {t('signIn.submit')}
      </button>
    </form>
  );
}
