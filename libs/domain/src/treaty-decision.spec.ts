import type { EntryIntoForceOutcome } from './entry-into-force';
import { StoredStanding, decideTreaty, nextRecomputeOn } from './treaty-decision';

const outcome = (met: boolean, metOn: string | null, entryIntoForceOn: string | null): EntryIntoForceOutcome =>
  ({ met, metOn, entryIntoForceOn, undoneOn: null, decisive: null, decisiveOrdinal: null, holdsAsOf: met }) as EntryIntoForceOutcome;
const stored = (status: StoredStanding['status'], metOn: string | null = null, entryIntoForceOn: string | null = null): StoredStanding => ({
  status,
  metOn,
  entryIntoForceOn,
});
const digest = (computed: { met: boolean; metOn: string | null; entryIntoForceOn: string | null }): string =>
  `${computed.met ? 'met' : 'unmet'}:${computed.metOn ?? '-'}:${computed.entryIntoForceOn ?? '-'}`;

describe('decideTreaty: what a recompute does with a fresh evaluation', () => {
  const TODAY = '2018-03-01';
  it.each([
    // stored, evaluated, undone before → status, stored anew, notices (kind:key)
    ['open, nothing met', stored('open'), outcome(false, null, null), 0, 'open', true, []],
    [
      'open → threshold met, in force later',
      stored('open'),
      outcome(true, '2018-02-19', '2018-03-21'),
      0,
      'threshold_met',
      true,
      ['threshold_met:threshold-met-7-0'],
    ],
    [
      'open → in force at once (the entry-into-force day has come)',
      stored('open'),
      outcome(true, '2018-02-19', '2018-02-19'),
      0,
      'in_force',
      true,
      ['threshold_met:threshold-met-7-0', 'entered_into_force:in-force-7'],
    ],
    [
      'threshold met → in force on its day',
      stored('threshold_met', '2018-02-01', '2018-03-01'),
      outcome(true, '2018-02-01', '2018-03-01'),
      0,
      'in_force',
      true,
      ['threshold_met:threshold-met-7-0', 'entered_into_force:in-force-7'],
    ],
    [
      'threshold met → undone by a withdrawal before entry into force',
      stored('threshold_met', '2018-02-01', '2018-04-01'),
      outcome(false, null, null),
      0,
      'open',
      true,
      ['threshold_undone:threshold-undone-7-0'],
    ],
    [
      'met again after one undoing: a new key',
      stored('open'),
      outcome(true, '2018-02-20', '2018-04-01'),
      1,
      'threshold_met',
      true,
      ['threshold_met:threshold-met-7-1'],
    ],
    [
      'in force, the record agrees: nothing',
      stored('in_force', '2018-02-19', '2018-02-19'),
      outcome(true, '2018-02-19', '2018-02-19'),
      0,
      'in_force',
      false,
      [],
    ],
    [
      'in force, the record now gives other dates: legal review, dates stand',
      stored('in_force', '2018-02-19', '2018-02-19'),
      outcome(true, '2018-02-25', '2018-02-25'),
      0,
      'in_force',
      false,
      ['legal_review:legal-review-7-met:2018-02-25:2018-02-25'],
    ],
    [
      'in force, the record no longer meets the rule: legal review, never undone',
      stored('in_force', '2018-02-19', '2018-02-19'),
      outcome(false, null, null),
      0,
      'in_force',
      false,
      ['legal_review:legal-review-7-unmet:-:-'],
    ],
  ])('%s', (_name, before, evaluated, undone, status, store, notices) => {
    const decision = decideTreaty(7, before, evaluated, TODAY, undone, digest);
    expect(decision.status).toBe(status);
    expect(decision.store).toBe(store);
    expect(decision.notices.map((notice) => `${notice.kind}:${notice.key}`)).toEqual(notices);
  });

  it('keeps the stored dates once in force and names both in a legal review; drafts a notification only for the threshold and the entry into force', () => {
    const review = decideTreaty(
      1,
      stored('in_force', '2018-02-19', '2018-02-19'),
      outcome(true, '2018-02-25', '2018-03-01'),
      TODAY,
      0,
      digest,
    );
    expect(review).toMatchObject({ metOn: '2018-02-19', entryIntoForceOn: '2018-02-19' });
    expect(review.notices[0]).toMatchObject({
      metOn: '2018-02-19',
      entryIntoForceOn: '2018-02-19',
      computed: { met: true, metOn: '2018-02-25', entryIntoForceOn: '2018-03-01' },
      drafts: false,
    });
    const forward = decideTreaty(1, stored('open'), outcome(true, '2018-02-19', '2018-02-19'), TODAY, 0, digest);
    expect(forward.notices.map((notice) => notice.drafts)).toEqual([true, true]);
    const undone = decideTreaty(1, stored('threshold_met', '2018-02-01', '2018-04-01'), outcome(false, null, null), TODAY, 0, digest);
    expect(undone.notices[0]).toMatchObject({ kind: 'threshold_undone', entryIntoForceOn: '2018-04-01', drafts: false });
  });
});

describe('nextRecomputeOn', () => {
  it.each([
    ['threshold_met', '2018-04-01', null, '2018-04-01'],
    ['threshold_met', '2018-04-01', '2018-03-15', '2018-03-15'],
    ['threshold_met', '2018-04-01', '2018-05-01', '2018-04-01'],
    ['in_force', '2018-02-19', '2018-05-01', '2018-05-01'],
    ['open', null, null, null],
  ] as const)('%s, in force on %s, next step %s → %s', (status, entryIntoForceOn, nextStep, expected) => {
    expect(nextRecomputeOn(status, entryIntoForceOn, nextStep)).toBe(expected);
  });
});
