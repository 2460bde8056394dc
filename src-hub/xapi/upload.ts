import { createHash } from 'node:crypto';
import { BodyError, parseJsonBody } from '../http/json-body';
import { mediaType, parseMultipart, type MultipartPart } from '../http/multipart';

/** One attachment's bytes from a multipart/mixed statement request, keyed by its SHA-2. */
export interface AttachmentPart {
  /** Lower-case hex, as checked against the bytes. */
  sha2: string;
  /** The part's Content-Type, or null when it has none. */
  contentType: string | null;
  content: Buffer;
  /** 1-based position in the request, for problems that name it. */
  position: number;
  /** Set once some statement's attachment claims it: an unclaimed part is an error (Data 2.4.11). */
  claimed: boolean;
}

/** A multipart/mixed statement request: the statements (the first part) and the attachments' bytes. */
export class StatementUpload {
  constructor(
    readonly statements: unknown,
    readonly parts: Map<string, AttachmentPart>,
  ) {}
}

/** SHA-2 digests by the length of their hex form. */
const SHA2_BY_HEX_LENGTH = new Map([
  [56, 'sha224'],
  [64, 'sha256'],
  [96, 'sha384'],
  [128, 'sha512'],
]);

/**
 * Reads a statement request sent as multipart/mixed (Communication 1.5.2): the first part holds the statements as
 * application/json (no larger than a JSON request may be), each further part one attachment's raw bytes with
 * `X-Experience-API-Hash` and `Content-Transfer-Encoding: binary`. A part is matched to an attachment by its
 * hash only, and the hash is checked against the bytes.
 */
export function readStatementUpload(body: Buffer, boundary: string, maxJsonBytes: number): StatementUpload {
  const [first, ...rest] = parseMultipart(body, boundary);
  if (!first || mediaType(first.headers.get('content-type')) !== 'application/json') {
    throw bad('part 1: the first part holds the statements and must be Content-Type: application/json');
  }
  if (first.body.length > maxJsonBytes) {
    throw new BodyError(
      413,
      'too_large',
      `part 1: the statements are over the ${maxJsonBytes} bytes a JSON body may be`,
    );
  }
  const parts = new Map<string, AttachmentPart>();
  rest.forEach((part, i) => {
    const attachment = readAttachmentPart(part, i + 2);
    parts.set(attachment.sha2, parts.get(attachment.sha2) ?? attachment);
  });
  return new StatementUpload(parseJsonBody(first.body), parts);
}

function readAttachmentPart(part: MultipartPart, position: number): AttachmentPart {
  const where = `part ${position}`;
  const hash = part.headers.get('x-experience-api-hash')?.toLowerCase();
  if (!hash) throw bad(`${where}: X-Experience-API-Hash is required on every part after the statements`);
  const encoding = part.headers.get('content-transfer-encoding');
  // A missing header is read as binary (Communication 1.5.2: the LRS SHOULD assume it); any other is refused.
  if (encoding !== undefined && encoding.toLowerCase() !== 'binary') {
    throw bad(`${where}: Content-Transfer-Encoding must be binary, not ${encoding}`);
  }
  const algorithm = /^[0-9a-f]+$/.test(hash) ? SHA2_BY_HEX_LENGTH.get(hash.length) : undefined;
  if (!algorithm) {
    throw bad(`${where}: X-Experience-API-Hash must be a hex SHA-224, SHA-256, SHA-384 or SHA-512 digest`);
  }
  if (createHash(algorithm).update(part.body).digest('hex') !== hash) {
    throw bad(`${where}: X-Experience-API-Hash is not the ${algorithm.toUpperCase()} of the part's bytes`);
  }
  const length = part.headers.get('content-length');
  if (length !== undefined && Number(length) !== part.body.length) {
    throw bad(`${where}: Content-Length says ${length} but the part holds ${part.body.length} bytes`);
  }
  return {
    sha2: hash,
    contentType: part.headers.get('content-type') ?? null,
    content: part.body,
    position,
    claimed: false,
  };
}

function bad(message: string): BodyError {
  return new BodyError(400, 'bad_multipart', message);
}
