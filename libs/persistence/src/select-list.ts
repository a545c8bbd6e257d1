/**
 * A SELECT list built from a map of a row type's columns to the SQL that reads each: `{ id: 'p.id', country_name:
 * 'c.name' }` → `p.id, c.name AS country_name`. Written `selectList<Row>()({ ... })`, the map must name every column of
 * `Row` and nothing else, so that a row type and the columns read for it cannot drift apart.
 */
export const selectList =
  <Row>() =>
  <const Map extends { [K in keyof Row]: string }>(columns: Map & { [K in Exclude<keyof Map, keyof Row>]: never }): string =>
    Object.entries(columns as Record<string, string>)
      .map(([name, sql]) => (sql === name || sql.endsWith(`.${name}`) ? sql : `${sql} AS ${name}`))
      .join(', ');
