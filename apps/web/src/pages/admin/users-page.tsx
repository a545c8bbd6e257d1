// #/users: the accounts (the admin's view): who has which role, for which country; new accounts, changes, passwords.
import { useEffect, useState } from 'preact/hooks';
import type { Page, UserView } from '@depositary/contracts';
import { api } from '../../api';
import { PageHeading } from '../../components/page-heading';
import { Failure, Loading } from '../../components/ui';
import { inWords } from '../../errors';
import { countryName, formatDay, t } from '../../i18n';
import { LANGUAGE_NAMES, isLanguage } from '../../i18n/messages';
import { may, session } from '../../session';
import type { View } from '../../views';
import { Country, countries as readCountries } from './countries';
import { UserCreateForm } from './user-create-form';
import { PasswordResetDialog, UserChangeDialog } from './user-dialogs';
import '../../styles/admin.css';

const COLUMNS = ['name', 'email', 'role', 'country', 'language', 'state', 'since', 'actions'] as const;

function UserRow({ user, onChange, onReset }: { user: UserView; onChange: () => void; onReset: () => void }) {
  const label = (column: (typeof COLUMNS)[number]) => t(`users.column.${column}`);
  const you = user.id === session.value?.userId;
  return (
    <tr data-id={user.id} data-email={user.email} class={user.active ? undefined : 'is-inactive'}>
      <th scope="row" data-label={label('name')}>
        {user.name}
        {you && <span class="muted"> {t('users.you')}</span>}
      </th>
      <td data-label={label('email')} class="admin-email">
        <bdi>{user.email}</bdi>
      </td>
      <td data-label={label('role')}>{t(`role.${user.role}`)}</td>
      <td data-label={label('country')}>{user.country ? `${countryName(user.country)} (${user.country})` : ''}</td>
      <td data-label={label('language')}>{isLanguage(user.language) ? LANGUAGE_NAMES[user.language] : user.language}</td>
      <td data-label={label('state')}>
        <span class={`badge ${user.active ? 'badge--active' : 'badge--inactive'}`}>
          {t(user.active ? 'admin.active' : 'admin.inactive')}
        </span>
      </td>
      <td data-label={label('since')}>
        <time dateTime={user.createdAt}>{formatDay(user.createdAt.slice(0, 10))}</time>
      </td>
      <td class="row-actions">
        {/* Each button's name is its visible word, then whose account it is for (axe: the label contains the text). */}
        <button type="button" class="button button--small" onClick={onChange}>
          {t('users.change')}
          <span class="visually-hidden"> {user.email}</span>
        </button>
        <button type="button" class="button button--small" onClick={onReset}>
          {t('users.resetShort')}
          <span class="visually-hidden"> {t('users.resetFor', { email: user.email })}</span>
        </button>
      </td>
    </tr>
  );
}

export const UsersPage: View = () => {
  const [users, setUsers] = useState<UserView[] | null>(null);
  const [countries, setCountries] = useState<Country[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [open, setOpen] = useState<{ user: UserView; what: 'change' | 'password' } | null>(null);
  const read = () =>
    api<Page<UserView>>('/api/users').then(
      (page) => setUsers(page.items),
      (error: unknown) => setFailure(inWords(error, t('users.couldNotRead'))),
    );
  useEffect(() => {
    if (!may('users.manage')) return;
    void read();
    readCountries().then(setCountries, () => undefined);
  }, []);

  if (!may('users.manage'))
    return (
      <>
        <PageHeading title={t('users.title')} />
        <p class="form-error" role="alert">
          {t('users.notForYou')}
        </p>
      </>
    );
  if (failure) return <Failure message={failure} />;
  if (!users) return <Loading what={t('users.loading')} />;
  const saved = (user: UserView) => setUsers((list) => list?.map((item) => (item.id === user.id ? user : item)) ?? null);
  return (
    <>
      <PageHeading title={t('users.title')} />
      <p class="muted">{t('users.intro')}</p>
      <div class="table-wrap">
        <table class="data users" id="users-table">
          <caption>{t('users.caption', { count: users.length })}</caption>
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th scope="col" key={column}>
                  {t(`users.column.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                onChange={() => setOpen({ user, what: 'change' })}
                onReset={() => setOpen({ user, what: 'password' })}
              />
            ))}
          </tbody>
        </table>
      </div>
      <section class="card" aria-labelledby="user-create-title">
        <h2 id="user-create-title">{t('users.new')}</h2>
        <UserCreateForm countries={countries} onCreated={(user) => setUsers((list) => [...(list ?? []), user])} />
      </section>
      {open?.what === 'change' && <UserChangeDialog user={open.user} countries={countries} onClose={() => setOpen(null)} onSaved={saved} />}
      {open?.what === 'password' && <PasswordResetDialog user={open.user} onClose={() => setOpen(null)} onSaved={saved} />}
    </>
  );
};
