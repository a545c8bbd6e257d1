// The drawer of one country (#/treaties/{slug}/{CODE}): its record, the form to record an act, the chain's
// checks, its statements and its timeline.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MutableRef } from 'preact/hooks';
import type { ParticipantView } from '@depositary/contracts';
import { api } from '../../api';
import { Dialog } from '../../components/dialog';
import { Badge, Loading } from '../../components/ui';
import { inWords } from '../../errors';
import { countryName, t, treatyTitle } from '../../i18n';
import { may } from '../../session';
import { useChain } from './chain';
import { type ParticipantRecord, type TreatyData, participantPath } from './load';
import { RecordForm, type Recorded } from './record-form';
import { Statements } from './statements';
import { ChainMarks, TimelineItem } from './timeline';

export interface Notice {
  text: string;
  kind: 'success' | 'error';
}

/** After an act the worker may admit the country or take the treaty into force: read again until the row moves. */
const REREAD_AFTER_MS = [2500, 2500, 5000, 5000];

export function CountryDrawer(props: {
  code: string;
  data: TreatyData;
  focusRecord: MutableRef<boolean>;
  onParticipant: (participant: ParticipantView) => void;
  onChanged: () => Promise<void>;
  onClose: () => void;
}) {
  const { code, data } = props;
  const [participant, setParticipant] = useState<ParticipantRecord | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const check = useChain(participant?.events ?? null);
  const alive = useRef(true);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  /** Reads the country's record (as at the page's day, if it shows a past one) and updates its row. */
  const read = async (): Promise<ParticipantRecord | null> => {
    try {
      const query = data.asOf ? `?asOf=${data.asOf}` : '';
      const found = await api<ParticipantRecord>(`${participantPath(data.slug, code)}${query}`);
      if (!alive.current) return null;
      setParticipant(found);
      setFailure(null);
      if (!data.asOf) props.onParticipant(found);
      return found;
    } catch (error) {
      if (alive.current) setFailure(inWords(error, t('treaty.drawer.couldNotRead', { code })));
      return null;
    }
  };

  useEffect(() => {
    void read().then((found) => {
      if (!found || !props.focusRecord.current) return;
      props.focusRecord.current = false;
      setTimeout(() => ref.current?.querySelector<HTMLElement>('#record-action')?.focus());
    });
  }, [code, data.asOf]);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const recorded = async (outcome: Recorded): Promise<void> => {
    if (outcome.participant) props.onParticipant(outcome.participant);
    await read();
    setNotice(outcome.notice);
    void props.onChanged();
    if (!outcome.watchFrom) return;
    // The worker's recompute (and perhaps an admission) follows a deposit, withdrawal or correction.
    for (const delay of REREAD_AFTER_MS) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (!alive.current) return;
      const found = await read();
      if (found && found.version !== outcome.watchFrom) {
        await props.onChanged();
        return;
      }
    }
    await props.onChanged();
  };

  const name = participant ? countryName(participant.country.code, participant.country.name) : code;
  return (
    <Dialog id="drawer" class="drawer" titleId="drawer-title" onClose={props.onClose}>
      <div ref={ref}>
        <header class="drawer__header">
          <div>
            <h2 id="drawer-title">{name}</h2>
            {participant && (
              <p class="muted">
                {participant.country.code} · {treatyTitle(data.treaty)} · <Badge status={participant.status} /> ·{' '}
                {t('treaty.drawer.version', { version: participant.version })}
              </p>
            )}
          </div>
        </header>
        {failure && (
          <p class="form-error" role="alert">
            {failure}
          </p>
        )}
        {!participant && !failure && <Loading what={t('treaty.drawer.loading')} />}
        {notice && (
          <p
            ref={noticeRef}
            tabIndex={-1}
            id="record-result"
            class={`notice notice--${notice.kind}`}
            role={notice.kind === 'error' ? 'alert' : 'status'}
          >
            {notice.text}
          </p>
        )}
        {participant && (
          <>
            {may('actions.record') && !data.asOf && (
              <RecordForm key={participant.version} data={data} participant={participant} onDone={recorded} />
            )}
            <section class="drawer__section" aria-labelledby="chain-title">
              <h3 id="chain-title">{t('treaty.chain.title')}</h3>
              <ChainMarks participant={participant} check={check} />
            </section>
            <Statements data={data} participant={participant} onChanged={read} />
            <section class="drawer__section" aria-labelledby="timeline-title">
              <h3 id="timeline-title">{t('treaty.timeline.title')}</h3>
              <p class="muted">{t('treaty.timeline.count', { count: participant.events.length })}</p>
              <ol class="timeline" id="timeline">
                {participant.events.map((event) => (
                  <TimelineItem key={event.id} event={event} link={check?.links?.get(event.seq)} />
                ))}
              </ol>
              {may('audit.read') && (
                <p>
                  <a href={`#/audit?treaty=${encodeURIComponent(data.slug)}&country=${encodeURIComponent(participant.country.code)}`}>
                    {t('treaty.timeline.inAudit')}
                  </a>
                </p>
              )}
            </section>
          </>
        )}
      </div>
    </Dialog>
  );
}
