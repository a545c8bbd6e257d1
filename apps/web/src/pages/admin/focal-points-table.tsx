// A country's focal points, each with its edit (in a dialog) and its deactivation or reactivation.
import { useState } from 'preact/hooks';
import type { FocalPointView } from '@depositary/contracts';
import { api, seg } from '../../api';
import { Dialog } from '../../components/dialog';
import { flash } from '../../components/flash';
import { inWords } from '../../errors';
import { formatDay, t } from '../../i18n';
import { LANGUAGE_NAMES, isLanguage } from '../../i18n/messages';
import { FocalPointFields, FocalPointForm } from './focal-point-form';

function EditDialog(props: { code: string; point: FocalPointView; onClose: () => void; onSaved: () => void }) {
  const { code, point } = props;
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async (fields: FocalPointFields) => {
    setBusy(true);
    try {
      await api<FocalPointView>(`/api/countries/${seg(code)}/focal-points/${seg(point.id)}`, { method: 'PATCH', body: fields });
      flash(t('focalPoints.saved', { name: fields.name }), 'success');
      props.onSaved();
      props.onClose();
    } catch (failure) {
      setError(inWords(failure, t('focalPoints.couldNotSave')));
      setBusy(false);
    }
  };
  return (
    <Dialog id="focal-edit" titleId="focal-edit-title" onClose={props.onClose}>
      <h2 id="focal-edit-title">{t('focalPoints.edit', { name: point.name })}</h2>
      <FocalPointForm
        id="focal-edit-form"
        initial={point}
        submitLabel={t('focalPoints.save')}
        error={error}
        busy={busy}
        onSubmit={(fields) => void save(fields)}
        onCancel={props.onClose}
      />
    </Dialog>
  );
}

export function FocalPointsTable(props: { code: string; country: string; items: FocalPointView[]; onChanged: () => void }) {
  const { code, items } = props;
  const [editing, setEditing] = useState<FocalPointView | null>(null);
  const [error, setError] = useState('');
  const setActive = async (point: FocalPointView, active: boolean) => {
    try {
      await api<FocalPointView>(`/api/countries/${seg(code)}/focal-points/${seg(point.id)}`, { method: 'PATCH', body: { active } });
      setError('');
      flash(t(active ? 'focalPoints.reactivated' : 'focalPoints.deactivated', { name: point.name }), 'success');
      props.onChanged();
    } catch (failure) {
      setError(inWords(failure, t('focalPoints.couldNotSave')));
    }
  };
  const columns = ['name', 'email', 'language', 'state', 'since', 'actions'] as const;
  return (
    <>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="table-wrap">
        <table class="data" id="focal-table">
          <caption>{t('focalPoints.caption', { country: props.country, count: items.length })}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th scope="col" key={column}>
                  {t(`focalPoints.column.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((point) => (
              <tr key={point.id} data-id={point.id} class={point.active ? undefined : 'is-inactive'}>
                <th scope="row">{point.name}</th>
                <td class="admin-email">
                  <bdi>{point.email}</bdi>
                </td>
                <td lang={point.language}>{isLanguage(point.language) ? LANGUAGE_NAMES[point.language] : point.language}</td>
                <td>
                  <span class={`badge ${point.active ? 'badge--active' : 'badge--inactive'}`}>
                    {t(point.active ? 'admin.active' : 'admin.inactive')}
                  </span>
                </td>
                <td>
                  <time dateTime={point.createdAt}>{formatDay(point.createdAt.slice(0, 10))}</time>
                </td>
                <td class="row-actions">
                  {/* The button's name is its visible word, then whom it is for (axe: the label contains the text). */}
                  <button type="button" class="button button--small" onClick={() => setEditing(point)}>
                    {t('focalPoints.editShort')}
                    <span class="visually-hidden"> {point.name}</span>
                  </button>
                  <button type="button" class="button button--small" onClick={() => void setActive(point, !point.active)}>
                    {t(point.active ? 'focalPoints.deactivate' : 'focalPoints.reactivate')}
                    <span class="visually-hidden"> {point.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing && <EditDialog code={code} point={editing} onClose={() => setEditing(null)} onSaved={props.onChanged} />}
    </>
  );
}
