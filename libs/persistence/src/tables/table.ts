/**
 * The value `pg` gives for each PostgreSQL type our tables use, named as `information_schema.columns.udt_name` spells
 * it (DATE is read as its `YYYY-MM-DD` text and INT8 as a number: see `data-source.ts`). A JSONB column holds whatever
 * its row type says.
 */
export interface ColumnValues {
  int4: number;
  int8: number;
  oid: number;
  text: string;
  bpchar: string;
  uuid: string;
  date: string;
  timestamptz: Date;
  bool: boolean;
  jsonb: unknown;
}
export type ColumnType = keyof ColumnValues;
/** A column's type, with `?` when it may be NULL: `'date?'`. */
export type ColumnSpec = ColumnType | `${ColumnType}?`;

type ValueOf<S extends ColumnSpec> = S extends `${infer T extends ColumnType}?` ? ColumnValues[T] | null : ColumnValues[S & ColumnType];

/**
 * The specs a field of a row type may be stored as: those whose value the field's type narrows (`status:
 * ParticipantStatus` fits `text`), NULL allowed exactly when the field allows it.
 */
type SpecsFor<Field> = {
  [S in ColumnSpec]: [Exclude<Field, null>] extends [ValueOf<S>]
    ? null extends Field
      ? S extends `${string}?`
        ? S
        : never
      : S extends `${string}?`
        ? never
        : S
    : never;
}[ColumnSpec];

export interface Table<Row> {
  readonly name: string;
  /** Every column of the table, with its type. */
  readonly columns: { readonly [K in keyof Row]-?: ColumnSpec };
  /** Phantom: the row type, for `Row<typeof SOME_TABLE>`. */
  readonly row?: Row;
}

/**
 * A table: its name and every column with its type, checked by the compiler against the row type (each field, no
 * more, with a type that fits the column's) and by a test against the migrated database (the same columns, the same
 * types, NULL where allowed), so that a row type cannot drift from the table it reads.
 *
 *     export const TREATY_EVENTS = table<TreatyEventsRow>()('treaty_events', { id: 'int8', kind: 'text', ... });
 */
export const table =
  <Row>() =>
  <const Columns extends { [K in keyof Row]-?: SpecsFor<Row[K]> }>(
    name: string,
    columns: Columns & { [K in Exclude<keyof Columns, keyof Row>]: never },
  ): Table<Row> => ({ name, columns });

/** The row type of a table. */
export type RowOf<T> = T extends Table<infer Row> ? Row : never;
