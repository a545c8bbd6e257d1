import { createHash } from 'node:crypto';
import { ChainedEvent, GENESIS_HASH, canonicalJson, chainHash, chainedEventJson } from './audit-chain';

const ACTOR = { id: 'u-1', email: 'officer@example.org', role: 'officer' };

const EVENT: ChainedEvent = {
  treaty: 'iofs-statute',
  country: 'KAZ',
  seq: 3,
  action: 'ratify',
  from: 'signed',
  to: 'ratified',
  date: '2016-12-09',
  recordedAt: '2024-06-15T10:00:00.000Z',
  actor: ACTOR,
  reference: 'C.N.123.2016',
  note: null,
  reason: null,
};

const PREV = 'a'.repeat(64);

describe('canonicalJson', () => {
  it.each<[string, unknown, string]>([
    ['a string', 'KAZ', '"KAZ"'],
    ['a number', 1.5, '1.5'],
    ['a boolean', true, 'true'],
    ['null', null, 'null'],
    ['undefined', undefined, 'null'],
    ['an empty object', {}, '{}'],
    ['an empty array', [], '[]'],
    ['keys sorted', { b: 1, a: 2, c: 3 }, '{"a":2,"b":1,"c":3}'],
    ['nested keys sorted', { z: { y: 1, x: { w: 2, v: 3 } }, a: 0 }, '{"a":0,"z":{"x":{"v":3,"w":2},"y":1}}'],
    ['objects inside arrays sorted, array order kept', [{ b: 1, a: 2 }, 3, [{ d: 4, c: 5 }]], '[{"a":2,"b":1},3,[{"c":5,"d":4}]]'],
    ['undefined properties dropped', { a: undefined, b: 1 }, '{"b":1}'],
    ['null properties kept', { a: null, b: 1 }, '{"a":null,"b":1}'],
    ['undefined in an array as null', [undefined, 1], '[null,1]'],
    ['strings escaped', { 'k"ey': 'line\nbreak "quoted"' }, '{"k\\"ey":"line\\nbreak \\"quoted\\""}'],
    ['non-ASCII kept', { name: 'Côte d’Ivoire', ar: 'السعودية' }, '{"ar":"السعودية","name":"Côte d’Ivoire"}'],
    ['upper-case keys before lower-case (code-unit order)', { b: 1, B: 2, a: 3 }, '{"B":2,"a":3,"b":1}'],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it.each<[string, unknown, unknown]>([
    ['flat', { a: 1, b: 'two', c: null }, { c: null, b: 'two', a: 1 }],
    ['nested', { outer: { a: 1, b: [1, { x: 1, y: 2 }] }, z: true }, { z: true, outer: { b: [1, { y: 2, x: 1 }], a: 1 } }],
    ['an event', EVENT, Object.fromEntries(Object.entries(EVENT).reverse())],
  ])('does not depend on key order (%s)', (_name, one, other) => {
    expect(canonicalJson(one)).toBe(canonicalJson(other));
  });

  it.each<[string, unknown, unknown]>([
    ['array order', [1, 2], [2, 1]],
    ['a value', { a: 1 }, { a: 2 }],
    ['a nested value', { a: { b: 1 } }, { a: { b: '1' } }],
    ['null against absent', { a: null }, {}],
  ])('distinguishes %s', (_name, one, other) => {
    expect(canonicalJson(one)).not.toBe(canonicalJson(other));
  });

  it.each<[string, unknown]>([
    ['an event', EVENT],
    ['a nested structure', { b: [1, 'x', { d: null, c: false }], a: { e: 1.25 } }],
  ])('round-trips through JSON.parse (%s)', (_name, value) => {
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});

describe('chainHash', () => {
  it('GENESIS_HASH is 64 zeros', () => {
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it('is sha256(prevHash ‖ canonical JSON of the event), as hex', () => {
    const expected = createHash('sha256')
      .update(PREV + canonicalJson(EVENT))
      .digest('hex');
    expect(chainHash(PREV, EVENT)).toBe(expected);
    expect(chainHash(PREV, EVENT)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic and independent of key order', () => {
    const reordered = Object.fromEntries(Object.entries(EVENT).reverse()) as unknown as ChainedEvent;
    expect(chainHash(GENESIS_HASH, EVENT)).toBe(chainHash(GENESIS_HASH, { ...EVENT }));
    expect(chainHash(GENESIS_HASH, EVENT)).toBe(chainHash(GENESIS_HASH, reordered));
  });

  it.each<[string, Partial<ChainedEvent>]>([
    ['treaty', { treaty: 'other-treaty' }],
    ['country', { country: 'SAU' }],
    ['seq', { seq: 4 }],
    ['action', { action: 'accept' }],
    ['from', { from: null }],
    ['to', { to: 'member' }],
    ['date', { date: '2016-12-10' }],
    ['recordedAt', { recordedAt: '2024-06-15T10:00:00.001Z' }],
    ['actor (system)', { actor: 'system' }],
    ['actor.id', { actor: { ...ACTOR, id: 'u-2' } }],
    ['actor.email', { actor: { ...ACTOR, email: 'other@example.org' } }],
    ['actor.role', { actor: { ...ACTOR, role: 'admin' } }],
    ['reference', { reference: null }],
    ['note', { note: 'received by post' }],
    ['reason', { reason: 'wrong date' }],
    ['reference (one character)', { reference: 'C.N.123.2017' }],
  ])('changes when %s changes', (_name, change) => {
    expect(chainHash(PREV, { ...EVENT, ...change })).not.toBe(chainHash(PREV, EVENT));
  });

  it.each([
    ['genesis', GENESIS_HASH],
    ['another hash', 'b'.repeat(64)],
    ['one digit different', `${'a'.repeat(63)}b`],
  ])('changes when prevHash changes (%s)', (_name, prevHash) => {
    expect(chainHash(prevHash, EVENT)).not.toBe(chainHash(PREV, EVENT));
  });

  it('chains: each hash feeds the next', () => {
    const first = chainHash(GENESIS_HASH, { ...EVENT, seq: 1 });
    const second = chainHash(first, { ...EVENT, seq: 2 });
    const forged = chainHash(chainHash(GENESIS_HASH, { ...EVENT, seq: 1, note: 'edited' }), { ...EVENT, seq: 2 });
    expect(new Set([first, second, forged]).size).toBe(3);
  });
});

describe('chainedEventJson', () => {
  const random = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const next = random(7);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
  const texts = [null, '', 'plain', 'quote " and \\ backslash', 'line\nbreak', 'ünïcödé — تذكير', '\u2028'];
  const events: ChainedEvent[] = Array.from({ length: 300 }, (_, i) => ({
    treaty: pick(['iofs-statute', 'a', 'x-y-z']),
    country: pick(['KAZ', 'SEN', 'ARE']),
    seq: i + 1,
    action: pick(['invite', 'sign', 'ratify', 'admit', 'correct']),
    from: pick([null, 'invited', 'signed']),
    to: pick(['invited', 'signed', 'member']),
    date: pick(['2018-02-19', '0001-01-01']),
    recordedAt: new Date(Math.floor(next() * 2e12)).toISOString(),
    actor: pick(['system' as const, { id: 'a1b2', email: 'o"fficer@example.org', role: 'officer' }]),
    reference: pick(texts),
    note: pick(texts),
    reason: pick(texts),
    // Details are absent on most events (and on every event recorded before they existed).
    ...pick<Pick<ChainedEvent, 'details'>>([
      {},
      {},
      { details: { signature: 'ad_referendum' } },
      { details: { effectiveFrom: '2006-06-03', predecessor: 'Serbia "and" Montenegro' } },
    ]),
  }));

  it('leaves details out of the hash when there are none, so that older events keep their hash', () => {
    const without = { ...EVENT };
    expect(chainedEventJson({ ...without, details: null })).toBe(chainedEventJson(without));
    expect(chainHash(PREV, { ...without, details: { effectiveOn: '2020-11-04' } })).not.toBe(chainHash(PREV, without));
  });

  it.each(events.map((event) => [event.seq, event]))('writes event %s exactly as canonicalJson does', (_, event) => {
    expect(chainedEventJson(event)).toBe(canonicalJson(event));
  });
});
