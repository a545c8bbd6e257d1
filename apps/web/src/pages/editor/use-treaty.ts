// A treaty and its chart, read for the editor's views of one treaty.
import { useEffect, useState } from 'preact/hooks';
import type { Page, ParticipantView, TreatyView } from '@depositary/contracts';
import { api, seg } from '../../api';
import { inWords } from '../../errors';
import { t } from '../../i18n';

export interface TreatyRecord {
  treaty: TreatyView;
  participants: ParticipantView[];
}

/** The treaty `slug` with its participants (null for none: a new treaty), `reload` to read them again. */
export function useTreatyRecord(slug: string | null): { record: TreatyRecord | null; failure: string | null; reload: () => void } {
  const [record, setRecord] = useState<TreatyRecord | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (slug === null) return;
    Promise.all([
      api<TreatyView>(`/api/treaties/${seg(slug)}`),
      api<Page<ParticipantView>>(`/api/treaties/${seg(slug)}/participants`),
    ]).then(
      ([treaty, chart]) => setRecord({ treaty, participants: chart.items }),
      (error: unknown) => setFailure(inWords(error, t('editor.treaty.couldNotRead'))),
    );
  }, [slug, round]);
  return { record, failure, reload: () => setRound((old) => old + 1) };
}
