import { selectList } from './select-list';

interface Row {
  id: number;
  country_name: string;
  status: string;
}

describe('selectList', () => {
  it('reads each column of the row type, aliasing an expression under the column name', () => {
    expect(selectList<Row>()({ id: 'p.id', country_name: 'c.name', status: 'p.status' })).toBe('p.id, c.name AS country_name, p.status');
  });

  it('refuses, at compile time, a map missing a column or naming one the row lacks', () => {
    // @ts-expect-error status is missing
    const missing = selectList<Row>()({ id: 'p.id', country_name: 'c.name' });
    // @ts-expect-error extra is not a column of Row
    const extra = selectList<Row>()({ id: 'p.id', country_name: 'c.name', status: 'p.status', extra: 'p.extra' });
    expect([missing, extra]).toEqual(['p.id, c.name AS country_name', 'p.id, c.name AS country_name, p.status, p.extra']);
  });
});
