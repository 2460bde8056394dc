import { mediaType } from '../http/multipart';
import { checkSignature, SIGNATURE_USAGE } from './signature';
import { StatementError } from './statement-error';
import type { AttachmentPart } from './upload';

type Json = Record<string, unknown>;

/**
 * Matches a statement's attachments (and a SubStatement's) to the parts of a multipart request by SHA-2, the only
 * way allowed (Communication 1.5.2): an attachment without fileUrl needs a part, a part's bytes must agree with
 * the attachment's length and content type, and a signature (Data 2.6) is checked. `parts` is null for an
 * application/json request, where every attachment needs a fileUrl. Returns the hashes of the parts it claimed.
 */
export function claimAttachments(
  statement: Json,
  where: string,
  parts: Map<string, AttachmentPart> | null,
  sub = false,
): string[] {
  const claimed: string[] = [];
  const attachments = (statement['attachments'] as Json[] | undefined) ?? [];
  attachments.forEach((attachment, i) => {
    const at = `${where}attachments[${i}]`;
    const part = parts?.get(String(attachment['sha2']).toLowerCase());
    const signature = attachment['usageType'] === SIGNATURE_USAGE;
    if (!part) {
      if (signature) {
        throw new StatementError(
          400,
          `${at}: a signature travels as a part of a multipart/mixed request, with its bytes`,
        );
      }
      if (attachment['fileUrl'] === undefined)
        throw new StatementError(400, missingBytes(at, parts !== null));
      return;
    }
    part.claimed = true;
    claimed.push(part.sha2);
    checkPartAgrees(attachment, part, at);
    if (signature) {
      if (mediaType(attachment['contentType'] as string) !== 'application/octet-stream') {
        throw new StatementError(400, `${at}.contentType: a signature is application/octet-stream`);
      }
      // Data 2.6 signs whole statements; a SubStatement's signature is kept but not checked.
      if (!sub) checkSignature(statement, part.content, at);
    }
  });
  const object = statement['object'] as Json | undefined;
  if (object?.['objectType'] === 'SubStatement')
    claimed.push(...claimAttachments(object, `${where}object.`, parts, true));
  return claimed;
}

/** Communication 1.5.2: where a part's header and the attachment's property both say something, they agree. */
function checkPartAgrees(attachment: Json, part: AttachmentPart, at: string): void {
  if (attachment['length'] !== part.content.length) {
    throw new StatementError(
      400,
      `${at}.length: is ${String(attachment['length'])} but part ${part.position} holds ${part.content.length} bytes`,
    );
  }
  if (
    part.contentType !== null &&
    mediaType(part.contentType) !== mediaType(attachment['contentType'] as string)
  ) {
    throw new StatementError(
      400,
      `${at}.contentType: is ${String(attachment['contentType'])} but part ${part.position} is ${part.contentType}`,
    );
  }
}

function missingBytes(at: string, multipart: boolean): string {
  return multipart
    ? `${at}.sha2: no part of the request has this hash, and the attachment has no fileUrl`
    : `${at}.fileUrl: is required in an application/json request; send the attachment's bytes as a part of a multipart/mixed request`;
}

/** Communication 1.5.2 (and the conformance suite): every part after the first belongs to some attachment. */
export function checkAllClaimed(parts: Map<string, AttachmentPart> | null): void {
  for (const part of parts?.values() ?? []) {
    if (!part.claimed) {
      throw new StatementError(
        400,
        `part ${part.position}: no attachment of the statements has its hash (X-Experience-API-Hash ${part.sha2})`,
      );
    }
  }
}
