import { BodyError } from './json-body';

/** One part of a multipart body: its headers (names lower-cased) and its bytes. */
export interface MultipartPart {
  headers: Map<string, string>;
  body: Buffer;
}

/** More parts than any statement batch needs; each one is a header block to read and a hash to compute. */
export const MAX_PARTS = 1_000;
const MAX_HEADER_BYTES = 8_192;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary parameter of a `multipart/mixed; boundary=…` Content-Type (RFC 2046 §5.1.1), quoted or not. */
export function boundaryOf(contentType: string | undefined): string {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType ?? '');
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) {
    throw new BodyError(400, 'bad_multipart', 'Content-Type: multipart/mixed needs a boundary parameter.');
  }
  return boundary;
}

/**
 * Splits a multipart body into its parts (RFC 2046 §5.1.1): an optional preamble, then `--boundary` lines each
 * followed by a part's headers, an empty line and its bytes, up to the closing `--boundary--`. Linear in the body's
 * size; anything malformed is a 400 saying what is wrong.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first delimiter may open the body, without the CRLF that belongs to every later one.
  let at = body.subarray(0, delimiter.length - 2).equals(delimiter.subarray(2))
    ? -2
    : body.indexOf(delimiter);
  if (at === -1) throw malformed(`no line --${boundary} opens a part`);
  const parts: MultipartPart[] = [];
  for (;;) {
    let cursor = at + delimiter.length;
    if (body[cursor] === 0x2d && body[cursor + 1] === 0x2d) break; // `--`: the close delimiter
    while (body[cursor] === 0x20 || body[cursor] === 0x09) cursor++; // transport padding
    if (!body.subarray(cursor, cursor + 2).equals(CRLF))
      throw malformed('a boundary line does not end the line');
    const next = body.indexOf(delimiter, cursor);
    if (next === -1) throw malformed(`the body does not end with --${boundary}--`);
    if (parts.length >= MAX_PARTS) throw malformed(`more than ${MAX_PARTS} parts`);
    parts.push(readPart(body.subarray(cursor, next)));
    at = next;
  }
  if (parts.length === 0) throw malformed('it has no parts');
  return parts;
}

/** `raw` starts with the CRLF that ends the boundary line; headers follow up to an empty line. */
function readPart(raw: Buffer): MultipartPart {
  // A part without headers has its empty line right after the boundary line's CRLF.
  const end = raw.subarray(0, 4).equals(HEADER_END) ? 0 : raw.indexOf(HEADER_END);
  if (end === -1 || end > MAX_HEADER_BYTES) throw malformed('a part has no empty line ending its headers');
  const headers = new Map<string, string>();
  let last = '';
  for (const line of raw.subarray(2, end).toString('latin1').split('\r\n')) {
    if (line === '') continue;
    // RFC 5322 header fields hold no control characters (and PostgreSQL text no U+0000).
    if (hasControlCharacter(line)) throw malformed("a part's header holds a control character");
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      headers.set(last, `${headers.get(last) ?? ''} ${line.trim()}`); // a folded header line
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed(`a part's header line has no name: ${JSON.stringify(line.slice(0, 80))}`);
    last = line.slice(0, colon).trim().toLowerCase();
    headers.set(last, line.slice(colon + 1).trim());
  }
  return { headers, body: raw.subarray(end + 4) };
}

function hasControlCharacter(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

function malformed(problem: string): BodyError {
  return new BodyError(400, 'bad_multipart', `The multipart/mixed body is malformed: ${problem}.`);
}

/** `text/plain; charset=ascii` → `text/plain`: what two content types must agree on. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
