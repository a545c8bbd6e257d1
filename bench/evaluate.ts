import { Deposit, EntryIntoForceRule, Instrument, entryIntoForceRuleSchema, evaluateEntryIntoForce } from '@depositary/domain';
import { performance } from 'node:perf_hooks';
import { Measurement, Sample, summarize } from './measure';

/** One record to evaluate: a rule, the deposits of a treaty, and the day they are read on. */
export interface EvaluationCase {
  size: number;
  rule: EntryIntoForceRule;
  deposits: Deposit[];
  asOf: string;
  /** How many distinct countries the deposits come from, and how many of them are real ISO codes. */
  countries: number;
  realCountries: number;
}

export interface EvaluationRun {
  size: number;
  evaluate: Measurement;
  sort: Measurement;
}

const FIRST_DAY = Date.UTC(2000, 0, 1);
const YEARS = 20;
const DAY_MS = 86_400_000;

/** A small seeded generator (mulberry32), so that every run evaluates the same records. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` distinct 3-letter codes: the real ones (shuffled) first, then synthetic ones (AAA, AAB, ...) that are not real. */
function countryCodes(size: number, real: readonly string[], random: () => number): string[] {
  const shuffled = [...real];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  const codes = shuffled.slice(0, size);
  const taken = new Set(real);
  const letter = (n: number): string => String.fromCharCode(65 + n);
  for (let n = 0; codes.length < size && n < 26 ** 3; n++) {
    const code = letter(Math.floor(n / 676)) + letter(Math.floor(n / 26) % 26) + letter(n % 26);
    if (!taken.has(code)) codes.push(code);
  }
  if (codes.length < size) throw new Error(`cannot make ${size} distinct 3-letter codes`);
  return codes;
}

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function instrumentOf(draw: number): Instrument {
  return draw < 0.7 ? 'ratification' : draw < 0.9 ? 'accession' : draw < 0.95 ? 'acceptance' : 'approval';
}

/**
 * A treaty's record of `size` deposits, one per country, dated at random over 20 years (2000-2019), 70%
 * ratifications and the rest accessions, acceptances and approvals, 2% withdrawn later; and a rule of the
 * kind the contract shows: a minimum number of parties (60% of the record, at most the schema's 1000), weights
 * over 20 parties with a 55% share, two required parties, entry into force on the thirtieth day after. The
 * record meets the rule, so an evaluation walks it all and gives every party its membership date.
 */
export function evaluationCase(size: number, realCodes: readonly string[], seed = size): EvaluationCase {
  const random = seededRandom(seed);
  const codes = countryCodes(size, realCodes, random);
  const span = YEARS * 365.25 * DAY_MS;
  const deposits: Deposit[] = codes.map((country, index) => {
    const depositedAt = FIRST_DAY + Math.floor(random() * span);
    const withdrawn = index >= 20 && random() < 0.02; // weighted and required parties stay
    return {
      country,
      instrument: instrumentOf(random()),
      depositedOn: dayOf(depositedAt),
      withdrawnOn: withdrawn ? dayOf(depositedAt + Math.floor(random() * (FIRST_DAY + span - depositedAt))) : null,
    };
  });
  const weighted = codes.slice(0, Math.min(20, size));
  const rule = entryIntoForceRuleSchema.parse({
    minimumParties: Math.max(1, Math.min(1000, Math.round(size * 0.6))),
    weights: {
      values: Object.fromEntries(weighted.map((code) => [code, Math.round((0.5 + random() * 20) * 100) / 100])),
      minimumShare: 55,
    },
    requiredParties: codes.slice(0, Math.min(2, size)),
    entersIntoForce: { days: 30 },
  });
  const asOf = '2021-01-01';
  const outcome = evaluateEntryIntoForce(rule, deposits, asOf);
  if (!outcome.met) throw new Error(`the generated record of ${size} deposits does not meet its rule`);
  const real = new Set(realCodes);
  return { size, rule, deposits, asOf, countries: codes.length, realCountries: codes.filter((code) => real.has(code)).length };
}

/** What any evaluation must at least do: order the deposits by effective date. */
export function sortByDate(deposits: readonly Deposit[]): Deposit[] {
  return [...deposits].sort((a, b) => (a.depositedOn < b.depositedOn ? -1 : a.depositedOn > b.depositedOn ? 1 : 0));
}

/** Calls `work` back to back for about `budgetMs` (at least `minCalls` times), timing each call. */
function timeCalls(work: () => number, budgetMs: number, minCalls: number): { sample: Sample; check: number } {
  const durations: number[] = [];
  let check = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const until = started + budgetMs;
  for (let calls = 0; calls < minCalls || performance.now() < until; calls++) {
    const t0 = performance.now();
    check += work();
    durations.push(performance.now() - t0);
  }
  const elapsedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { sample: { durationsMs: Float64Array.from(durations), elapsedMs, cpuMs: (used.user + used.system) / 1000 }, check };
}

/**
 * Calls `work` back to back for about `budgetMs`, reading the clock only between chunks of `chunk` calls, so
 * that the rate of µs-scale work is not the rate of reading the clock.
 */
function countCalls(work: () => number, budgetMs: number, chunk: number): { calls: number; elapsedMs: number; check: number } {
  let check = 0;
  let calls = 0;
  const started = performance.now();
  const until = started + budgetMs;
  do {
    for (let i = 0; i < chunk; i++) check += work();
    calls += chunk;
  } while (performance.now() < until);
  return { calls, elapsedMs: performance.now() - started, check };
}

/**
 * Times evaluations of one record against sorts of the same deposits: a warm-up of each, then `rounds`
 * rounds, alternating which goes first. In each round each side runs `roundMs`: half timing every call (the
 * percentiles), half counting calls in chunks of about 1 ms (the rate).
 */
export function measureEvaluation(
  record: EvaluationCase,
  options: { rounds: number; roundMs: number; warmupMs: number },
): EvaluationRun & { check: number } {
  const work = {
    evaluate: (): number => evaluateEntryIntoForce(record.rule, record.deposits, record.asOf).current,
    sort: (): number => sortByDate(record.deposits).length,
  };
  type Side = keyof typeof work;
  let check = 0;
  const chunk = {} as Record<Side, number>;
  for (const side of ['evaluate', 'sort'] as const) {
    const warm = timeCalls(work[side], options.warmupMs, 20);
    check += warm.check;
    const meanMs = warm.sample.elapsedMs / warm.sample.durationsMs.length;
    chunk[side] = Math.max(1, Math.round(1 / meanMs));
  }
  const samples: Record<Side, Sample[]> = { evaluate: [], sort: [] };
  const counted: Record<Side, { calls: number; elapsedMs: number }> = {
    evaluate: { calls: 0, elapsedMs: 0 },
    sort: { calls: 0, elapsedMs: 0 },
  };
  for (let round = 0; round < options.rounds; round++) {
    const order: Side[] = round % 2 === 0 ? ['evaluate', 'sort'] : ['sort', 'evaluate'];
    for (const side of order) {
      const timed = timeCalls(work[side], options.roundMs / 2, 10);
      samples[side].push(timed.sample);
      const rate = countCalls(work[side], options.roundMs / 2, chunk[side]);
      counted[side].calls += rate.calls;
      counted[side].elapsedMs += rate.elapsedMs;
      check += timed.check + rate.check;
    }
  }
  const measured = (side: Side): Measurement => ({
    ...summarize(samples[side]),
    opsPerSec: (counted[side].calls / counted[side].elapsedMs) * 1000,
  });
  return { size: record.size, evaluate: measured('evaluate'), sort: measured('sort'), check };
}
