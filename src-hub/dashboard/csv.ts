import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

type Field = string | number | null;

/**
 * RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled, lines end in CRLF. A field
 * a spreadsheet would run as a formula (starting with = + - @ or a tab) gets a leading apostrophe.
 */
export function toCsv(header: string[], rows: Field[][]): string {
  return csvRows([header, ...rows]);
}

/** Lines of CSV, each ending in CRLF (nothing for no rows): what a streamed export sends a page at a time. */
export function csvRows(rows: Field[][]): string {
  return rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

export function csvField(value: Field): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows fetched per page by a streamed export: a company's whole history never sits in memory at once. */
export const CSV_PAGE_SIZE = 2000;

/** Pages of rows from an offset-paged query, until a page comes back short. */
export async function* pagesOf<T>(
  fetchPage: (page: number, size: number) => Promise<T[]>,
  size: number,
): AsyncGenerator<T[]> {
  for (let page = 0; ; page++) {
    const rows = await fetchPage(page, size);
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
  }
}

/** Each page of records as CSV fields. */
export async function* mapPages<T>(
  pages: AsyncIterable<T[]>,
  fields: (row: T) => Field[],
): AsyncGenerator<Field[][]> {
  for await (const page of pages) yield page.map(fields);
}

/** Streams a CSV download: the header, then each page of rows as it comes. */
export function sendCsv(
  reply: FastifyReply,
  filename: string,
  header: string[],
  pages: AsyncIterable<Field[][]>,
): FastifyReply {
  const body = Readable.from(
    (async function* () {
      yield csvRows([header]);
      for await (const page of pages) yield csvRows(page);
    })(),
  );
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(body);
}
