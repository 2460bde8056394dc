/**
 * What PostgreSQL cannot hold, caught at the door so it is a 400 naming the field rather than a 500 from the
 * database: U+0000 in text or jsonb, unpaired UTF-16 surrogates in jsonb, and index entries over the ~2.7 KB a
 * B-tree row holds. (Timestamps: src-shared/hub/time-range.ts.)
 */

/** Where the first unstorable string is in a parsed JSON value (`actor.name`, `[3].verb.id`), or null. */
export function unstorableText(value: unknown, path = ''): { path: string; problem: string } | null {
  if (typeof value === 'string') return textProblem(value, path);
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableText(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const found = textProblem(key, at) ?? unstorableText(item, at);
    if (found) return found;
  }
  return null;
}

/** U+0000 and unpaired surrogates: legal in JSON text, refused by PostgreSQL's text and jsonb. */
export function textProblem(text: string, path: string): { path: string; problem: string } | null {
  if (text.includes('\u0000'))
    return { path: path || '(body)', problem: 'contains U+0000, which is not stored' };
  if (!isWellFormed(text))
    return { path: path || '(body)', problem: 'contains an unpaired UTF-16 surrogate, which is not stored' };
  return null;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/**
 * The longest identifier (IRI, account, mbox) this hub indexes, in UTF-8 bytes. A PostgreSQL B-tree entry holds
 * about 2,700 bytes; real IRIs are a few hundred.
 */
export const MAX_INDEXED_BYTES = 2_000;

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
