// What an imported history would create (the dry run's answer) and, per country, the acts the file records.
import type { ComponentChildren } from 'preact';
import type { TreatyRecordFileRequest, TreatyStatusView, TreatyView } from '@depositary/contracts';
import { Badge, Day } from '../../components/ui';
import { countryName, formatDay, t, treatyTitle, wordFor } from '../../i18n';
import { ruleInWords } from '../../rule-in-words';

/** The answer of POST /api/treaties/import (with or without `dryRun`). */
export interface ImportResultView {
  dryRun: boolean;
  treaty: TreatyView;
  invited: number;
  recorded: number;
  status: TreatyStatusView;
}

/** `children`: what to do next (the import button), shown before the long table of acts. */
export function ImportPreview({
  file,
  result,
  children,
}: {
  file: TreatyRecordFileRequest;
  result: ImportResultView;
  children?: ComponentChildren;
}) {
  const { status } = result;
  const byCountry = new Map<string, TreatyRecordFileRequest['actions']>(file.invited.countries.map((code) => [code, []]));
  for (const act of file.actions) byCountry.set(act.country, [...(byCountry.get(act.country) ?? []), act]);
  return (
    <section id="import-preview" class="card import-preview" aria-labelledby="import-preview-title">
      <h2 id="import-preview-title">{t(result.dryRun ? 'editor.import.previewTitle' : 'editor.import.doneTitle')}</h2>
      <dl class="facts">
        <div>
          <dt>{t('editor.import.treaty')}</dt>
          <dd>
            {treatyTitle(result.treaty)} <span class="code">{result.treaty.slug}</span>
          </dd>
        </div>
        <div>
          <dt>{t('editor.form.openedOn')}</dt>
          <dd>
            <Day value={result.treaty.openedForSignatureOn} style="words" />
          </dd>
        </div>
        <div>
          <dt>{t('editor.import.invited')}</dt>
          <dd>{t('editor.import.invitedCount', { count: result.invited, date: formatDay(file.invited.invitedOn) })}</dd>
        </div>
        <div>
          <dt>{t('editor.import.acts')}</dt>
          <dd>{t('editor.import.actsCount', { count: result.recorded })}</dd>
        </div>
        <div>
          <dt>{t('editor.import.status')}</dt>
          <dd id="import-status">
            <Badge status={status.status} kind="treatyStatus" />{' '}
            {status.threshold.required !== null &&
              t('editor.import.threshold', { current: status.threshold.current, required: status.threshold.required })}
          </dd>
        </div>
        <div>
          <dt>{t('editor.import.entryIntoForce')}</dt>
          <dd>{status.entryIntoForceOn ? formatDay(status.entryIntoForceOn) : t('editor.import.notYet')}</dd>
        </div>
      </dl>
      <p class="rule-words">{ruleInWords(result.treaty.entryIntoForce)}</p>
      {children}
      <div class="table-wrap">
        <table class="data import-preview__acts">
          <caption>{t('editor.import.perCountry', { count: byCountry.size })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('editor.rule.country')}</th>
              <th scope="col">{t('editor.import.countryActs')}</th>
            </tr>
          </thead>
          <tbody>
            {[...byCountry].map(([code, acts]) => (
              <tr key={code} data-country={code}>
                <th scope="row">
                  {countryName(code)} <span class="code">{code}</span>
                </th>
                <td>
                  {acts.length ? (
                    <ul class="import-preview__list">
                      {acts.map((act, index) => (
                        <li key={index}>
                          {wordFor('event', act.action)} <Day value={act.date} />
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span class="muted">{t('editor.import.invitedOnly')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
