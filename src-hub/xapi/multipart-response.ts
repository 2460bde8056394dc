import { randomBytes } from 'node:crypto';

type Json = Record<string, unknown>;

/** One attachment's bytes, as a part of a multipart/mixed answer. */
export interface OutgoingAttachment {
  sha2: string;
  contentType: string;
  content: Buffer;
}

/**
 * A statement answer with its attachments (Communication 1.5.2, 2.1.3 `attachments=true`): the JSON first, then one
 * part per attachment's bytes, each once, with `X-Experience-API-Hash` and `Content-Transfer-Encoding: binary`.
 */
export function multipartAnswer(
  json: unknown,
  attachments: OutgoingAttachment[],
): { contentType: string; body: Buffer } {
  const boundary = `xapi-${randomBytes(18).toString('hex')}`;
  const chunks: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(json)}\r\n`),
  ];
  for (const attachment of attachments) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Type: ${attachment.contentType}\r\nContent-Transfer-Encoding: binary\r\n` +
          `X-Experience-API-Hash: ${attachment.sha2}\r\n\r\n`,
      ),
      attachment.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

/** The attachments of these statements the answer must carry: those with bytes stored, each hash once. */
export function attachmentsOf(statements: Json[], bytes: Map<string, Buffer>): OutgoingAttachment[] {
  const out = new Map<string, OutgoingAttachment>();
  const visit = (statement: Json): void => {
    for (const attachment of (statement['attachments'] as Json[] | undefined) ?? []) {
      const sha2 = String(attachment['sha2']);
      const content = bytes.get(sha2.toLowerCase());
      if (content && !out.has(sha2.toLowerCase())) {
        out.set(sha2.toLowerCase(), { sha2, contentType: String(attachment['contentType']), content });
      }
    }
    const object = statement['object'] as Json | undefined;
    if (object?.['objectType'] === 'SubStatement') visit(object);
  };
  statements.forEach(visit);
  return [...out.values()];
}

/** Every attachment hash these statements name, with the length each declares. */
export function declaredAttachments(statement: Json): { sha2: string; length: number }[] {
  const found = ((statement['attachments'] as Json[] | undefined) ?? []).map((a) => ({
    sha2: String(a['sha2']).toLowerCase(),
    length: Number(a['length']) || 0,
  }));
  const object = statement['object'] as Json | undefined;
  if (object?.['objectType'] === 'SubStatement') found.push(...declaredAttachments(object));
  return found;
}
