import { useEffect } from 'preact/hooks';
import type { Permission } from '@depositary/domain';
import { api } from './api';
import { Flash } from './components/flash';
import { countryName, language, setLanguage, t } from './i18n';
import type { Language } from './i18n/messages';
import { SignIn } from './pages/sign-in';
import { Route, navigate, route } from './router';
import { endSession, may, session } from './session';
import { VIEWS } from './views';
import type { MessageKey } from './i18n';
import { LanguageSelect } from './components/fields';

/** The links of the header, each shown to those whose permissions open its view. */
const NAV: { name: Route['name']; hash: string; label: MessageKey; needs: Permission; also?: Route['name'][] }[] = [
  {
    name: 'treaties',
    hash: '#/',
    label: 'nav.treaties',
    needs: 'treaties.read',
    also: ['treaty', 'new-treaty', 'edit-treaty', 'invite', 'bulk-acts', 'import'],
  },
  { name: 'notifications', hash: '#/notifications', label: 'nav.notifications', needs: 'depositaryNotifications.read' },
  { name: 'deliveries', hash: '#/deliveries', label: 'nav.deliveries', needs: 'notifications.read' },
  { name: 'focal-points', hash: '#/focal-points', label: 'nav.focalPoints', needs: 'focalPoints.manage' },
  { name: 'users', hash: '#/users', label: 'nav.users', needs: 'users.manage' },
  { name: 'audit', hash: '#/audit', label: 'nav.audit', needs: 'audit.read' },
];

function LanguageSwitch() {
  const change = (next: Language) => {
    setLanguage(next);
    // Stored with the account, so that the page and the reminders speak it next time.
    if (session.value) api('/api/users/me', { method: 'PATCH', body: { language: next } }).catch(() => undefined);
  };
  return (
    <label class="language">
      <span class="visually-hidden">{t('shell.language')}</span>
      <LanguageSelect id="language" value={language.value} onChange={change} />
    </label>
  );
}

function Header() {
  const who = session.value;
  const current = route.value.name;
  return (
    <header class="site-header">
      <div class="site-header__inner">
        <a class="brand" href="#/" aria-label={t('shell.brand')}>
          <svg class="brand__mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M4 20h16M6 17V9M10 17V9M14 17V9M18 17V9M3 8l9-5 9 5z" />
          </svg>
          <span>{t('app.name')}</span>
        </a>
        {who && (
          <nav id="nav" class="site-nav" aria-label={t('shell.nav')}>
            {NAV.filter((item) => may(item.needs)).map((item) => (
              <a
                key={item.name}
                href={item.hash}
                data-nav={item.name}
                aria-current={item.name === current || item.also?.includes(current) ? 'page' : undefined}
              >
                {t(item.label)}
              </a>
            ))}
          </nav>
        )}
        <div class="who">
          <LanguageSwitch />
          {who && (
            <>
              <span id="who-name" class="who__name">
                {who.country
                  ? t('who.of', { who: who.email, role: t(`role.${who.role}`), country: countryName(who.country) })
                  : t('who.plain', { who: who.email, role: t(`role.${who.role}`) })}
              </span>
              <button
                id="sign-out"
                type="button"
                class="button button--quiet"
                onClick={() => {
                  endSession();
                  navigate('#/');
                }}
              >
                {t('shell.signOut')}
              </button>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

export function App() {
  const lang = language.value;
  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  }, [lang]);
  const View = VIEWS[route.value.name];
  return (
    <>
      <a class="skip-link" href="#main" onClick={(event) => (event.preventDefault(), document.getElementById('main')?.focus())}>
        {t('shell.skip')}
      </a>
      <Header />
      <Flash />
      <main id="main" class="main" tabIndex={-1}>
        {/* Keyed by the user and the route's name: a view starts afresh when either changes. */}
        {session.value ? <View key={`${session.value.userId}:${route.value.name}`} route={route.value} /> : <SignIn />}
      </main>
      <footer class="site-footer">
        <p>
          {t('shell.footer')} <a href="/api/docs">{t('shell.apiDocs')}</a>
        </p>
      </footer>
    </>
  );
}
