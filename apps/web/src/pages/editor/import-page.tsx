// `#/import`: a treaty with its history from a file (the format of iofs-statute.json): a dry run first, then the import.
import '../../styles/editor.css';
import { useState } from 'preact/hooks';
import { type TreatyRecordFileRequest, treatyRecordFileSchema } from '@depositary/contracts';
import { api } from '../../api';
import { PageHeading } from '../../components/page-heading';
import { inWords } from '../../errors';
import { t, treatyTitle } from '../../i18n';
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
      setProblems([inWords(error, t('editor.import.refused', { name: chosen.name }))]);
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
            <ImportPreview file={loaded.file} result={loaded.result} />
            <p class="form-actions">
              <button id="import-submit" type="button" class="button button--primary" disabled={busy} onClick={() => void runImport()}>
                {t('editor.import.submit', { title: treatyTitle(loaded.result.treaty) })}
              </button>
            </p>
          </>
        )
      )}
    </>
  );
};
