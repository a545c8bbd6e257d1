// The reminder sweep on demand (POST /api/reminders/sweep): it queues the reminders due today and says how many.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { inWords } from '../../errors';
import { t } from '../../i18n';

export function ReminderSweep({ onSwept }: { onSwept: () => void }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ text: string; failed: boolean } | null>(null);
  const run = async () => {
    setBusy(true);
    setResult(null);
    try {
      const answer = await api<{ enqueued: number }>('/api/reminders/sweep', { method: 'POST' });
      setResult({ text: t('sweep.queued', { count: answer.enqueued }), failed: false });
      onSwept();
    } catch (error) {
      setResult({ text: inWords(error, t('sweep.failed')), failed: true });
    }
    setBusy(false);
  };
  return (
    <section class="card sweep" aria-labelledby="sweep-title">
      <h2 id="sweep-title">{t('sweep.title')}</h2>
      <p class="muted">{t('sweep.explain')}</p>
      <button type="button" class="button button--primary" id="sweep" disabled={busy} onClick={() => void run()}>
        {busy ? t('sweep.running') : t('sweep.run')}
      </button>
      <p id="sweep-result" class={result?.failed ? 'form-error' : 'sweep__result'} role={result?.failed ? 'alert' : 'status'}>
        {result?.text ?? ''}
      </p>
    </section>
  );
}
