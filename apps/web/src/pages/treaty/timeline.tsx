// A country's events, oldest first, each with the mark of its link in the hash chain; and the chain's checks.
import { useEffect, useState } from 'preact/hooks';
import type { EventView, ParticipantView } from '@depositary/contracts';
import { Day } from '../../components/ui';
import { inWords } from '../../errors';
import { countryName, formatDay, instantText, t, wordFor } from '../../i18n';
import { may } from '../../session';
import { type ChainCheck, type Verification, chainVerification } from './chain';

function actorWords(actor: EventView['actor']): string {
  if (actor === 'system') return t('treaty.timeline.system');
  return `${actor.email} (${wordFor('role', actor.role)})`;
}

/** The word for an event: the acts of the status machine, and the statements' own. */
const eventWord = (action: string): string =>
  wordFor(action in { state: 1, confirm_statement: 1, withdraw_statement: 1 } ? 'treaty.event' : 'event', action);

export function TimelineItem({ event, link }: { event: EventView; link: boolean | undefined }) {
  const details: [string, preact.ComponentChildren][] = [
    [
      t('treaty.timeline.effective'),
      <span key="date">
        <Day value={event.date} />
        <span class="muted"> ({formatDay(event.date)})</span>
      </span>,
    ],
    [t('treaty.timeline.recorded'), <time dateTime={event.recordedAt}>{instantText(event.recordedAt)}</time>],
    [t('treaty.timeline.by'), actorWords(event.actor)],
  ];
  if (event.reference) details.push([t('treaty.timeline.reference'), event.reference]);
  if (event.note) details.push([t('treaty.timeline.note'), event.note]);
  if (event.reason) details.push([t('treaty.timeline.reason'), event.reason]);
  details.push([
    t('treaty.timeline.event'),
    <span class="hash" dir="ltr">{`#${event.id} · seq ${event.seq} · ${event.hash.slice(0, 12)}…`}</span>,
  ]);
  return (
    <li class={`timeline__item timeline__item--${event.action}`} data-seq={event.seq} data-action={event.action}>
      <p class="timeline__title">
        <strong>{eventWord(event.action)}</strong>{' '}
        {event.from && event.from !== event.to && (
          <span class="muted">
            {wordFor('status', event.from)} {'→'} {wordFor('status', event.to)}
          </span>
        )}
        {link !== undefined && (
          <span class={`chain-link chain-link--${link ? 'ok' : 'broken'}`} data-seq={event.seq}>
            {link ? t('treaty.chain.linkOk') : t('treaty.chain.linkBroken')}
          </span>
        )}
      </p>
      <dl class="timeline__details">
        {details.map(([term, detail], index) => (
          <div key={index}>
            <dt>{term}</dt>
            <dd>{detail}</dd>
          </div>
        ))}
      </dl>
    </li>
  );
}

/** What the browser's re-hash found, and (for those who may verify) the service's verification of every chain. */
export function ChainMarks({ participant, check }: { participant: ParticipantView & { events: EventView[] }; check: ChainCheck | null }) {
  const [verification, setVerification] = useState<{ result: Verification; at: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const verifying = may('audit.verify');
  useEffect(() => {
    if (!verifying) return;
    let live = true;
    chainVerification().then(
      (found) => live && setVerification(found),
      (error: unknown) => live && setFailure(inWords(error, t('treaty.chain.couldNotVerify'))),
    );
    return () => {
      live = false;
    };
  }, [participant, verifying]);
  const name = countryName(participant.country.code, participant.country.name);
  const code = participant.country.code;
  const broken = verification?.result.firstBroken;
  return (
    <div class="chain" id="chain">
      {!check ? (
        <p class="muted">{t('treaty.chain.checking')}</p>
      ) : !check.supported ? (
        <p class="muted">{t('treaty.chain.unsupported')}</p>
      ) : check.broken ? (
        <p class="chain-mark chain-mark--broken" role="alert">
          {t('treaty.chain.brokenAt', { seq: check.broken.seq })}
        </p>
      ) : (
        <p class="chain-mark chain-mark--ok" id="chain-local">
          {t('treaty.chain.local', { count: participant.events.length, name })}
        </p>
      )}
      {failure && <p class="form-error">{failure}</p>}
      {verification &&
        (verification.result.ok || !broken ? (
          <p class="chain-mark chain-mark--ok" id="chain-verified">
            {t('treaty.chain.verified', { at: verification.at, count: verification.result.checked })}
          </p>
        ) : (
          <p class="chain-mark chain-mark--broken" role="alert" id="chain-verified">
            {t(broken.country === code ? 'treaty.chain.breakHere' : 'treaty.chain.breakElsewhere', {
              where: broken.chain === 'participant' ? `${broken.treaty ?? ''}/${broken.country ?? ''}` : broken.chain,
              seq: broken.seq ?? '—',
              reason: broken.reason,
            })}
          </p>
        ))}
    </div>
  );
}
