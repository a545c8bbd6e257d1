// The page of one treaty: its facts, chart, plot, as-at form and the drawer of a country (timeline, acts, statements).
export const treaty = {};
