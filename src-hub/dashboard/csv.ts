/**
 * RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled, lines end in CRLF. A field
 * a spreadsheet would run as a formula (starting with = + - @ or a tab) gets a leading apostrophe.
 */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return csvRows([header, ...rows]);
}

/** Lines of CSV, each ending in CRLF (nothing for no rows): what a streamed export sends a page at a time. */
export function csvRows(rows: (string | number | null)[][]): string {
  return rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
