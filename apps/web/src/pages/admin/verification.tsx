// The audit verification: every chain re-hashed by the service (GET /api/audit/verify), and when.
import { useEffect, useState } from 'preact/hooks';
import type { BrokenLink, Verification } from '@depositary/contracts';
import { api } from '../../api';
import { inWords } from '../../errors';
import { instantText, t } from '../../i18n';

type State = { kind: 'running' } | { kind: 'done'; result: Verification; at: string } | { kind: 'failed'; message: string };

function whereBroken(link: BrokenLink): string {
  const parts = [link.treaty, link.country].filter((part): part is string => Boolean(part));
  if (link.seq !== null) parts.push(t('audit.verify.event', { seq: link.seq }));
  if (link.eventId !== null) parts.push(`#${link.eventId}`);
  return parts.length ? parts.join(', ') : t(`audit.chain.${link.chain}`);
}

export function VerificationCard() {
  const [state, setState] = useState<State>({ kind: 'running' });
  const run = async () => {
    setState({ kind: 'running' });
    try {
      const result = await api<Verification>('/api/audit/verify');
      setState({ kind: 'done', result, at: instantText(new Date()) });
    } catch (error) {
      setState({ kind: 'failed', message: inWords(error, t('audit.verify.failed')) });
    }
  };
  useEffect(() => void run(), []);

  return (
    <div class="verification card" id="verification" aria-live="polite">
      {state.kind === 'running' && <p class="muted">{t('audit.verify.running')}</p>}
      {state.kind === 'failed' && (
        <p class="form-error" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === 'done' &&
        (state.result.ok ? (
          <p class="chain-mark chain-mark--ok" id="verify-result">
            {t('audit.verify.ok', { at: state.at, count: state.result.checked })}
            {state.result.checkpoint && ` ${t('audit.verify.checkpoint', { at: instantText(state.result.checkpoint.takenAt) })}`}
          </p>
        ) : (
          <p class="chain-mark chain-mark--broken" role="alert" id="verify-result">
            {t('audit.verify.broken', {
              at: state.at,
              count: state.result.checked,
              where: state.result.firstBroken ? whereBroken(state.result.firstBroken) : '',
              reason: state.result.firstBroken?.reason ?? '',
            })}
          </p>
        ))}
      {state.kind !== 'running' && (
        <button type="button" class="button button--small no-print" onClick={() => void run()}>
          {t('audit.verify.again')}
        </button>
      )}
    </div>
  );
}
