import type { EntryIntoForceOutcome } from './entry-into-force';
import { TreatyStatus, treatyStandingOn } from './record-as-of';

/** The notices a treaty's standing gives depositary staff, each recorded once under its key. */
export type TreatyNoticeKind = 'threshold_met' | 'threshold_undone' | 'entered_into_force' | 'legal_review';

/** Where a treaty stands, as stored on it. */
export interface StoredStanding {
  status: TreatyStatus;
  metOn: string | null;
  entryIntoForceOn: string | null;
}

export interface TreatyNotice {
  kind: TreatyNoticeKind;
  /** Unique per notice that must be given once: the same key is never recorded twice, whoever computes it. */
  key: string;
  /** The dates the notice speaks of (for a legal review: those standing, and `computed`, those the record now gives). */
  metOn: string | null;
  entryIntoForceOn: string | null;
  computed?: { met: boolean; metOn: string | null; entryIntoForceOn: string | null };
  /** Whether the notice also drafts a depositary notification to every state. */
  drafts: boolean;
}

export interface TreatyDecision extends StoredStanding {
  /** Whether the standing is stored anew (false once in force: its dates stand, and a difference goes to legal review). */
  store: boolean;
  notices: TreatyNotice[];
}

/**
 * What a recompute of a treaty does with a fresh evaluation of its rule, decided in one place:
 * - before entry into force the standing follows the record (`open` → `threshold_met` → `in_force`, back to `open`
 *   when withdrawals taking effect first undo the threshold), noticing the threshold met, its undoing and the entry
 *   into force, each once: the threshold's keys count the undoings before it, so a threshold met again is noticed again;
 * - once in force the stored dates stand, and a record that now gives other dates (or none) is sent to legal review,
 *   once per distinct computed outcome (`digest` names it: a hash of its canonical JSON).
 */
export function decideTreaty(
  treatyId: number,
  stored: StoredStanding,
  outcome: EntryIntoForceOutcome,
  today: string,
  undoneBefore: number,
  digest: (computed: NonNullable<TreatyNotice['computed']>) => string,
): TreatyDecision {
  if (stored.status === 'in_force') {
    const undone = !outcome.met;
    const notices: TreatyNotice[] = [];
    if (undone || outcome.metOn !== stored.metOn || outcome.entryIntoForceOn !== stored.entryIntoForceOn) {
      const computed = { met: !undone, metOn: undone ? null : outcome.metOn, entryIntoForceOn: undone ? null : outcome.entryIntoForceOn };
      notices.push({
        kind: 'legal_review',
        key: `legal-review-${treatyId}-${digest(computed)}`,
        metOn: stored.metOn,
        entryIntoForceOn: stored.entryIntoForceOn,
        computed,
        drafts: false,
      });
    }
    return { ...stored, store: false, notices };
  }
  const { status, metOn, entryIntoForceOn } = treatyStandingOn(outcome, today);
  const notices: TreatyNotice[] = [];
  const notice = (kind: TreatyNoticeKind, key: string, dates: Partial<StoredStanding> = {}): void => {
    notices.push({
      kind,
      key,
      metOn: outcome.metOn,
      entryIntoForceOn: outcome.entryIntoForceOn,
      ...dates,
      drafts: kind !== 'threshold_undone',
    });
  };
  if (metOn !== null) notice('threshold_met', `threshold-met-${treatyId}-${undoneBefore}`);
  if (metOn === null && stored.status === 'threshold_met')
    notice('threshold_undone', `threshold-undone-${treatyId}-${undoneBefore}`, { entryIntoForceOn: stored.entryIntoForceOn });
  if (status === 'in_force') notice('entered_into_force', `in-force-${treatyId}`);
  return { status, metOn, entryIntoForceOn, store: true, notices };
}

/** When a treaty must be recomputed next: its entry into force while the threshold is met, or the next system step due. */
export function nextRecomputeOn(status: TreatyStatus, entryIntoForceOn: string | null, nextStepOn: string | null): string | null {
  if (status === 'threshold_met' && entryIntoForceOn && (nextStepOn === null || entryIntoForceOn < nextStepOn)) return entryIntoForceOn;
  return nextStepOn;
}
