import { RowOf, table } from './table';

interface Row {
  id: number;
  name: string;
  kind: 'a' | 'b';
  ended_on: string | null;
  at: Date;
  data: { n: number } | null;
}

describe('table', () => {
  it('keeps the name and the columns with their types', () => {
    const rows = table<Row>()('rows', { id: 'int8', name: 'text', kind: 'text', ended_on: 'date?', at: 'timestamptz', data: 'jsonb?' });
    expect(rows).toEqual({
      name: 'rows',
      columns: { id: 'int8', name: 'text', kind: 'text', ended_on: 'date?', at: 'timestamptz', data: 'jsonb?' },
    });
    const row: RowOf<typeof rows> = { id: 1, name: 'n', kind: 'a', ended_on: null, at: new Date(0), data: null };
    expect(row.kind).toBe('a');
  });

  it('refuses, at compile time, a column missing, one too many, a type that does not fit or NULL where the row allows none', () => {
    const declared = [
      // @ts-expect-error `data` is missing
      table<Row>()('rows', { id: 'int8', name: 'text', kind: 'text', ended_on: 'date?', at: 'timestamptz' }),
      // @ts-expect-error `extra` is not a field of the row
      table<Row>()('rows', { id: 'int8', name: 'text', kind: 'text', ended_on: 'date?', at: 'timestamptz', data: 'jsonb?', extra: 'text' }),
      // @ts-expect-error a number is not stored as text
      table<Row>()('rows', { id: 'text', name: 'text', kind: 'text', ended_on: 'date?', at: 'timestamptz', data: 'jsonb?' }),
      // @ts-expect-error `id` may not be NULL in the row
      table<Row>()('rows', { id: 'int8?', name: 'text', kind: 'text', ended_on: 'date?', at: 'timestamptz', data: 'jsonb?' }),
      // @ts-expect-error `ended_on` may be NULL in the row, so its column must allow it
      table<Row>()('rows', { id: 'int8', name: 'text', kind: 'text', ended_on: 'date', at: 'timestamptz', data: 'jsonb?' }),
    ];
    expect(declared.map((rows) => rows.name)).toEqual(['rows', 'rows', 'rows', 'rows', 'rows']);
  });
});
