import { GENESIS_HASH } from './audit-chain';
import { configurationDiff, configurationHash } from './configuration-audit';

describe('configurationDiff', () => {
  it.each([
    [
      { title: 'A', rule: { minimumParties: 10 } },
      { title: 'B', rule: { minimumParties: 10 } },
      { before: { title: 'A' }, after: { title: 'B' } },
    ],
    [{ rule: { a: 1, b: 2 } }, { rule: { b: 2, a: 1 } }, null],
    [{ title: 'A' }, { title: 'A', public: true }, { before: { public: null }, after: { public: true } }],
    [{ title: 'A', updatedAt: '1' }, { title: 'A', updatedAt: '2' }, null],
  ])('%j → %j', (before, after, diff) => {
    expect(configurationDiff(before, after, ['updatedAt'])).toEqual(diff);
  });
});

describe('configurationHash', () => {
  it('covers every field, whatever the key order', () => {
    const event = {
      seq: 1,
      action: 'treaty.updated' as const,
      treaty: 'iofs',
      country: null,
      subject: 'iofs',
      recordedAt: '2026-01-01T00:00:00.000Z',
      actor: 'system' as const,
      before: { title: 'A' },
      after: { title: 'B' },
    };
    const hash = configurationHash(GENESIS_HASH, event);
    expect(configurationHash(GENESIS_HASH, { ...event, after: { title: 'B' }, before: { title: 'A' } })).toBe(hash);
    expect(configurationHash(GENESIS_HASH, { ...event, after: { title: 'C' } })).not.toBe(hash);
  });
});
