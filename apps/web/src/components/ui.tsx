// Small pieces every view uses: a status badge, a day, a progress bar, loading and failure states.
import { formatDay, formatNumber, t, wordFor } from '../i18n';
import { PageHeading } from './page-heading';

export function Badge({ status, kind = 'status' }: { status: string; kind?: 'status' | 'treatyStatus' }) {
  return (
    <span class={`badge badge--${status}`} title={kind === 'status' ? wordFor('statusHint', status) : undefined}>
      {wordFor(kind, status)}
    </span>
  );
}

/** A calendar day, machine-readable, as ISO ('2018-02-19') or in words ('19 February 2018'). */
export function Day({ value, style = 'iso' }: { value: string | null | undefined; style?: 'iso' | 'words' }) {
  if (!value)
    return (
      <span class="none" aria-label={t('shell.none')}>
        —
      </span>
    );
  return (
    <time dateTime={value} title={style === 'iso' ? formatDay(value) : value}>
      {style === 'iso' ? value : formatDay(value)}
    </time>
  );
}

export function ProgressBar(props: { current: number; required: number | null; label: string; unit?: string }) {
  const { current, required, label, unit = '' } = props;
  const scale = Math.max(required ?? 0, current, 1);
  const met = required !== null && current >= required;
  return (
    <div
      class={`progress${met ? ' progress--met' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={scale}
      aria-valuenow={current}
      aria-valuetext={
        required === null ? `${formatNumber(current)}${unit}` : `${formatNumber(current)}${unit} / ${formatNumber(required)}${unit}`
      }
    >
      <span class="progress__fill" style={{ width: `${(Math.min(current, scale) / scale) * 100}%` }} />
      {required !== null && required < scale && (
        <span class="progress__mark" style={{ insetInlineStart: `${(required / scale) * 100}%` }} />
      )}
    </div>
  );
}

export function Loading({ what }: { what?: string }) {
  return <p class="loading">{what ? t('shell.loadingWhat', { what }) : t('shell.loading')}</p>;
}

export function Failure({ message }: { message: string }) {
  return (
    <>
      <PageHeading title={t('shell.couldNotLoad')} />
      <p class="form-error" role="alert">
        {message}
      </p>
    </>
  );
}
