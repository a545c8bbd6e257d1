import { z } from 'zod';
import { countriesNamedBy, delaySchema, entryIntoForceRuleSchema } from './entry-into-force-rule';

/** The example of the contract, "Entry into force", verbatim. */
const DESIGN_EXAMPLE = {
  minimumParties: 55,
  countedInstruments: ['ratification', 'acceptance', 'approval', 'accession'],
  weights: { values: { USA: 17.89, CHN: 20.09 }, minimumShare: 55, total: 100 },
  minimumFrom: [{ parties: ['AUT', 'BEL'], count: 8 }],
  requiredParties: ['USA', 'CHN'],
  notBefore: '1998-09-24',
  entersIntoForce: { days: 30 },
  laterParties: { days: 30 },
};

/** Statute of the IOFS: in force the day the 10th instrument is deposited. */
const IOFS_RULE = {
  minimumParties: 10,
  countedInstruments: ['ratification', 'acceptance', 'approval', 'accession'],
  entersIntoForce: {},
};

const EIGHT_MEMBERS = ['AUT', 'BEL', 'DEU', 'ESP', 'FRA', 'ITA', 'NLD', 'PRT'];

function refusal(rule: unknown): { paths: string[]; message: string } {
  const result = entryIntoForceRuleSchema.safeParse(rule);
  if (result.success) throw new Error(`expected ${JSON.stringify(rule)} to be refused, it parsed as ${JSON.stringify(result.data)}`);
  return {
    paths: result.error.issues.map((issue) => issue.path.join('.')),
    message: z.prettifyError(result.error),
  };
}

describe('entryIntoForceRuleSchema accepts', () => {
  it('the example rule of the contract, verbatim', () => {
    expect(entryIntoForceRuleSchema.parse(DESIGN_EXAMPLE)).toEqual(DESIGN_EXAMPLE);
  });

  it.each<[string, Record<string, unknown>]>([
    ['the IOFS rule', IOFS_RULE],
    [
      'the example of the contract with its minimumFrom list written out',
      {
        ...DESIGN_EXAMPLE,
        minimumFrom: [{ parties: EIGHT_MEMBERS, count: 8 }],
      },
    ],
    ['minimumParties alone, at 1', { minimumParties: 1, entersIntoForce: {} }],
    ['minimumParties at its maximum', { minimumParties: 1000, entersIntoForce: {} }],
    [
      'weights alone',
      {
        weights: { values: { USA: 1 }, minimumShare: 100 },
        entersIntoForce: {},
      },
    ],
    [
      'minimumFrom alone, count equal to the list',
      {
        minimumFrom: [{ parties: ['AUT', 'BEL'], count: 2 }],
        entersIntoForce: {},
      },
    ],
    ['requiredParties alone', { requiredParties: ['KAZ'], entersIntoForce: {} }],
    [
      'one counted instrument',
      {
        minimumParties: 3,
        countedInstruments: ['accession'],
        entersIntoForce: {},
      },
    ],
    ['months', { minimumParties: 3, entersIntoForce: { months: 3 } }],
    [
      'days then first day of next month',
      {
        minimumParties: 3,
        entersIntoForce: { days: 60, then: 'first_day_of_next_month' },
      },
    ],
    [
      'months then first day of next month',
      {
        minimumParties: 3,
        entersIntoForce: { months: 1, then: 'first_day_of_next_month' },
      },
    ],
    [
      'then alone',
      {
        minimumParties: 3,
        entersIntoForce: { then: 'first_day_of_next_month' },
      },
    ],
    ['zero days', { minimumParties: 3, entersIntoForce: { days: 0 } }],
    [
      'laterParties different from entersIntoForce',
      {
        minimumParties: 3,
        entersIntoForce: { days: 90 },
        laterParties: { days: 30 },
      },
    ],
    ['notBefore on a leap day', { minimumParties: 3, notBefore: '2020-02-29', entersIntoForce: {} }],
    [
      'a weight of 0 among others (official tables round small shares to 0.00)',
      { weights: { values: { USA: 17.89, CHN: 20.09, TUV: 0 }, minimumShare: 55, total: 100 }, entersIntoForce: {} },
    ],
    [
      'a weight of 0 without a total, the others above 0',
      { weights: { values: { USA: 1, TUV: 0 }, minimumShare: 50 }, entersIntoForce: {} },
    ],
    ['weights that are all 0, with a total', { weights: { values: { TUV: 0, NRU: 0 }, minimumShare: 1, total: 100 }, entersIntoForce: {} }],
    [
      'successions and definitive signatures counted',
      { minimumParties: 3, countedInstruments: ['succession', 'definitive_signature'], entersIntoForce: {} },
    ],
  ])('%s', (_name, rule) => {
    expect(entryIntoForceRuleSchema.parse(rule)).toEqual(rule);
  });

  it('entersIntoForce defaulting to the same day', () => {
    expect(entryIntoForceRuleSchema.parse({ minimumParties: 10 })).toEqual({
      minimumParties: 10,
      entersIntoForce: {},
    });
  });
});

describe('entryIntoForceRuleSchema refuses', () => {
  // [what, rule, where the message points ('' for the rule as a whole), a fragment of the message]
  it.each<[string, unknown, string, string]>([
    ['an unknown key', { minimumParties: 10, quorum: 5 }, '', 'quorum'],
    ['an unknown key inside weights', { weights: { values: { USA: 1 }, minimumShare: 50, shares: 3 } }, 'weights', 'shares'],
    ['an unknown key inside a delay', { minimumParties: 10, laterParties: { weeks: 2 } }, 'laterParties', 'weeks'],
    ['minimumParties 0', { minimumParties: 0 }, 'minimumParties', 'at least 1'],
    ['minimumParties -3', { minimumParties: -3 }, 'minimumParties', 'at least 1'],
    ['minimumParties 1.5', { minimumParties: 1.5 }, 'minimumParties', 'whole number'],
    ['minimumParties "10"', { minimumParties: '10' }, 'minimumParties', 'whole number'],
    ['minimumParties above 1000', { minimumParties: 1001 }, 'minimumParties', ''],
    [
      'an instrument that is not one',
      { minimumParties: 10, countedInstruments: ['ratification', 'signature'] },
      'countedInstruments[1]',
      'accession',
    ],
    ['an instrument in capitals', { minimumParties: 10, countedInstruments: ['Ratification'] }, 'countedInstruments[0]', 'ratification'],
    ['a duplicate instrument', { minimumParties: 10, countedInstruments: ['accession', 'accession'] }, 'countedInstruments', 'twice'],
    ['no counted instrument', { minimumParties: 10, countedInstruments: [] }, 'countedInstruments', 'at least one instrument'],
    ['a lowercase country code', { requiredParties: ['usa'] }, 'requiredParties[0]', 'alpha-3'],
    ['a two-letter country code', { requiredParties: ['US'] }, 'requiredParties[0]', 'alpha-3'],
    ['a country required twice', { requiredParties: ['USA', 'USA'] }, 'requiredParties', 'twice'],
    ['no required party', { requiredParties: [] }, 'requiredParties', 'at least one country'],
    ['weights without values', { weights: { minimumShare: 55 } }, 'weights.values', ''],
    ['weights without minimumShare', { weights: { values: { USA: 1 } } }, 'weights.minimumShare', ''],
    ['weights with no country', { weights: { values: {}, minimumShare: 55 } }, 'weights.values', 'at least one country'],
    ['a lowercase weighted country', { weights: { values: { usa: 1 }, minimumShare: 55 } }, 'weights.values.usa', ''],
    ['a negative weight', { weights: { values: { USA: -1 }, minimumShare: 55 } }, 'weights.values.USA', 'negative'],
    ['weights that add up to 0 without a total', { weights: { values: { TUV: 0, NRU: 0 }, minimumShare: 55 } }, 'weights', 'add up to 0'],
    ['a single weight of 0 without a total', { weights: { values: { TUV: 0 }, minimumShare: 55 } }, 'weights', 'add up to 0'],
    ['minimumShare above 100', { weights: { values: { USA: 1 }, minimumShare: 100.5 } }, 'weights.minimumShare', 'at most 100'],
    ['minimumShare 0', { weights: { values: { USA: 1 }, minimumShare: 0 } }, 'weights.minimumShare', 'above 0'],
    ['a zero total', { weights: { values: { USA: 1 }, minimumShare: 50, total: 0 } }, 'weights.total', 'positive'],
    ['minimumFrom count 0', { minimumFrom: [{ parties: ['AUT'], count: 0 }] }, 'minimumFrom[0].count', 'at least 1'],
    ['minimumFrom without parties', { minimumFrom: [{ count: 1 }] }, 'minimumFrom[0].parties', ''],
    ['an empty minimumFrom', { minimumFrom: [] }, 'minimumFrom', ''],
    ['minimumFrom listing a party twice', { minimumFrom: [{ parties: ['AUT', 'AUT'], count: 1 }] }, 'minimumFrom[0].parties', 'twice'],
    [
      'days and months together',
      { minimumParties: 10, entersIntoForce: { days: 30, months: 1 } },
      'entersIntoForce',
      'either days or months',
    ],
    [
      'days and months together for later parties',
      { minimumParties: 10, laterParties: { days: 30, months: 1 } },
      'laterParties',
      'either days or months',
    ],
    [
      'a bad then',
      {
        minimumParties: 10,
        entersIntoForce: { days: 30, then: 'last_day_of_month' },
      },
      'entersIntoForce.then',
      'first_day_of_next_month',
    ],
    ['negative days', { minimumParties: 10, entersIntoForce: { days: -1 } }, 'entersIntoForce.days', ''],
    ['fractional days', { minimumParties: 10, entersIntoForce: { days: 1.5 } }, 'entersIntoForce.days', 'whole number of days'],
    ['fractional months', { minimumParties: 10, entersIntoForce: { months: 0.5 } }, 'entersIntoForce.months', 'whole number of months'],
    ['entersIntoForce as a number', { minimumParties: 10, entersIntoForce: 30 }, 'entersIntoForce', ''],
    ['notBefore 2018-02-30', { minimumParties: 10, notBefore: '2018-02-30' }, 'notBefore', 'calendar day'],
    ['notBefore 2019-02-29', { minimumParties: 10, notBefore: '2019-02-29' }, 'notBefore', 'calendar day'],
    ['notBefore day first', { minimumParties: 10, notBefore: '24-09-1998' }, 'notBefore', 'YYYY-MM-DD'],
    ['the empty rule {}', {}, '', 'at least one condition'],
    ['a rule with only a delay', { entersIntoForce: { days: 30 } }, '', 'at least one condition'],
    ['null', null, '', 'object'],
    ['an array', [{ minimumParties: 10 }], '', 'object'],
  ])('%s', (_name, rule, path, fragment) => {
    const { paths, message } = refusal(rule);
    expect(paths).toContain(path.replace(/\[(\d+)\]/g, '.$1'));
    if (path) expect(message).toContain(`at ${path}`);
    expect(message).toContain(fragment);
  });
});

describe('delaySchema', () => {
  it.each<[unknown, boolean]>([
    [{}, true],
    [{ days: 30 }, true],
    [{ months: 120 }, true],
    [{ days: 3650 }, true],
    [{ days: 3651 }, false],
    [{ months: 121 }, false],
    [{ days: 30, months: 1 }, false],
    [{ then: 'first_day_of_next_month' }, true],
    [{ then: 'next_month' }, false],
  ])('%j valid: %s', (delay, valid) => {
    expect(delaySchema.safeParse(delay).success).toBe(valid);
  });
});

describe('countriesNamedBy', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['the IOFS rule', IOFS_RULE, []],
    [
      'weights, minimumFrom and requiredParties',
      {
        ...DESIGN_EXAMPLE,
        minimumFrom: [{ parties: EIGHT_MEMBERS, count: 8 }],
      },
      ['USA', 'CHN', ...EIGHT_MEMBERS, 'USA', 'CHN'],
    ],
  ])('%s', (_name, rule, countries) => {
    expect(countriesNamedBy(entryIntoForceRuleSchema.parse(rule))).toEqual(countries);
  });
});
