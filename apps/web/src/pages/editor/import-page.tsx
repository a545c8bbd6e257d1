// `#/import`: a treaty with its history from a file (the format of iofs-statute.json): a dry run first, then the import.
import '../../styles/editor.css';
import { useState } from 'preact/hooks';
import { type TreatyRecordFileRequest, treatyRecordFileSchema } from '@depositary/contracts';
import { ApiError, api } from '../../api';
import { flash } from '../../components/flash';
import { PageHeading } from '../../components/page-heading';
import { inWords } from '../../errors';
import { countryName, formatDay, listInWords, t, treatyTitle, wordFor } from '../../i18n';
import { href } from '../../router';
import { may } from '../../session';
import type { View } from '../../views';
import { ImportPreview, ImportResultView } from './import-preview';
import { NotAllowed } from './not-allowed';

interface Loaded {
  name: string;
  file: TreatyRecordFileRequest;
  result: ImportResultView;
}

/** A line of the history the service refused (a 400 naming its index), in words; null for any other failure. */
function lineRefused(error: unknown, file: TreatyRecordFileRequest, name: string): string | null {
  if (!(error instanceof ApiError) || error.status !== 400 || typeof error.body.index !== 'number') return null;
  const act = file.actions[error.body.index];
  if (!act) return null;
  const allowed = (error.body.allowed ?? []).map((action) => wordFor('actionShort', action));
  const reason =
    error.body.cause === 'invalid_transition'
      ? t('editor.import.transition', {
          status: wordFor('status', String(error.body.status)),
          allowed: allowed.length ? t('error.allowedNow', { actions: listInWords(allowed, 'disjunction') }) : t('error.nothingAllowed'),
        })
      : error.body.message;
  return t('editor.import.lineRefused', {
    name,
    line: error.body.index + 1,
    country: countryName(act.country),
    act: wordFor('actionShort', act.action),
    date: act.date ? formatDay(act.date) : '',
    reason,
  });
}

export const ImportPage: View = () => {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [imported, setImported] = useState<ImportResultView | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  if (!may('treaties.manage')) return <NotAllowed title={t('editor.import.title')} />;

  const choose = async (input: HTMLInputElement) => {
    const chosen = input.files?.[0];
    setLoaded(null);
    setImported(null);
    setProblems([]);
    flash('');
    if (!chosen) return;
    let json: unknown;
    try {
      json = JSON.parse(await chosen.text());
    } catch (error) {
      return setProblems([t('editor.import.notJson', { name: chosen.name, message: error instanceof Error ? error.message : '' })]);
    }
    const checked = treatyRecordFileSchema.safeParse(json);
    if (!checked.success)
      return setProblems([
        t('editor.import.invalid', { name: chosen.name }),
        ...checked.error.issues.map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`),
      ]);
    setBusy(true);
    try {
      const result = await api<ImportResultView>('/api/treaties/import?dryRun=true', { method: 'POST', body: checked.data });
      setLoaded({ name: chosen.name, file: checked.data, result });
    } catch (error) {
      setProblems([lineRefused(error, checked.data, chosen.name) ?? inWords(error, t('editor.import.refused', { name: chosen.name }))]);
    } finally {
      setBusy(false);
    }
  };

  const runImport = async () => {
    if (!loaded) return;
    setBusy(true);
    try {
      const result = await api<ImportResultView>('/api/treaties/import', { method: 'POST', body: loaded.file });
      setImported(result);
      flash(t('editor.import.done', { title: treatyTitle(result.treaty) }), 'success');
    } catch (error) {
      setProblems([inWords(error, t('editor.import.couldNotImport'))]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p class="breadcrumb">
        <a href={href.treaties()}>{t('nav.treaties')}</a>
      </p>
      <PageHeading title={t('editor.import.title')} />
      <p class="hint">{t('editor.import.hint')}</p>
      <div class="card import-form">
        <label class="field" for="import-file">
          <span>{t('editor.import.file')}</span>
        </label>
        <input
          id="import-file"
          type="file"
          accept=".json,application/json"
          aria-describedby="import-file-hint"
          disabled={busy}
          onChange={(event) => void choose(event.currentTarget)}
        />
        <p id="import-file-hint" class="hint">
          {t('editor.import.fileHint')}
        </p>
        <div id="import-problems" role="alert">
          {problems.length > 0 && (
            <ul class="form-error">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
        </div>
        {busy && <p class="loading">{t('shell.loading')}</p>}
      </div>
      {imported ? (
        <>
          <p id="import-done" class="notice notice--success" role="status">
            {t('editor.import.done', { title: treatyTitle(imported.treaty) })}{' '}
            <a href={href.treaty(imported.treaty.slug)}>{t('editor.import.open', { title: treatyTitle(imported.treaty) })}</a>
          </p>
          {loaded && <ImportPreview file={loaded.file} result={imported} />}
        </>
      ) : (
        loaded && (
          <>
            <ImportPreview file={loaded.file} result={loaded.result}>
              <p class="form-actions">
                <button id="import-submit" type="button" class="button button--primary" disabled={busy} onClick={() => void runImport()}>
                  {t('editor.import.submit', { title: treatyTitle(loaded.result.treaty) })}
                </button>
              </p>
            </ImportPreview>
          </>
        )
      )}
    </>
  );
};
