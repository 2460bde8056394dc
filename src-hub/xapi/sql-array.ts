import { sql, type SQL } from 'drizzle-orm';

/**
 * `column = any($1::type[])`: a list of values bound as one array parameter. Unlike `in ($1, $2, …)` the query
 * text is the same for any number of values, there is no 65,535-parameter limit, and PGlite binds one value
 * instead of hundreds (a hundred ids cost it ~5 ms as separate parameters).
 */
export function anyOf(column: SQL | string, values: readonly string[], type: 'uuid' | 'text'): SQL {
  const target = typeof column === 'string' ? sql.raw(column) : column;
  return sql`${target} = any(${arrayLiteral(values)}::${sql.raw(type)}[])`;
}

/** PostgreSQL's array literal: every element double-quoted, with backslashes and quotes escaped. */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
