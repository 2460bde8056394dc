import type { FastifyInstance } from 'fastify';
import { textProblem, unstorableText } from './storable';

/** Deeper than any statement needs (a SubStatement's context activity definition is about 8 levels). */
export const MAX_JSON_DEPTH = 32;

export class BodyError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** A \u escape of U+0000 or of a surrogate (U+D800–U+DFFF), in either case. */
const MAY_BE_UNSTORABLE = /\\u(?:0000|d[89a-f])/i;

/**
 * Replaces Fastify's JSON parser with one that rejects what it would let through: bytes that are not UTF-8
 * (instead of decoding them as U+FFFD) and nesting deeper than MAX_JSON_DEPTH (before any recursive code sees it).
 */
export function registerJsonParser(app: FastifyInstance): void {
  // Only JSON (and, on their own routes, zips) is spoken here: anything else is 415, not a string to misread.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

export function parseJsonBody(body: Buffer): unknown {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new BodyError(400, 'bad_utf8', 'The request body is not valid UTF-8.');
  }
  if (text.trim() === '')
    throw new BodyError(400, 'empty_body', 'The request body is empty; JSON was expected.');
  checkDepth(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (error) {
    throw new BodyError(400, 'bad_json', `The request body is not valid JSON: ${(error as Error).message}`);
  }
  // Only a \u escape can put U+0000 or a lone surrogate into parsed JSON: the decoded text is well-formed UTF-16,
  // and JSON.parse refuses a raw U+0000. Without such an escape (the usual body), the walk is skipped.
  const unstorable = MAY_BE_UNSTORABLE.test(text) ? unstorableText(parsed) : null;
  if (unstorable) throw new BodyError(400, 'unstorable_text', `${unstorable.path}: ${unstorable.problem}`);
  return parsed;
}

/** Refuses query parameters holding text the database cannot store, before any route reads them. */
export function registerQueryTextCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
      for (const text of Array.isArray(value) ? value : [value]) {
        const problem = typeof text === 'string' ? textProblem(text, name) : null;
        if (problem) {
          return reply
            .code(400)
            .send({ error: 'bad_request', message: `${problem.path}: ${problem.problem}` });
        }
      }
    }
  });
}

/** Counts brackets outside strings: cheap, and done before JSON.parse builds anything. */
function checkDepth(text: string): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i = closingQuote(text, i);
      if (i < 0) return;
    } else if (c === 123 || c === 91 /* { [ */) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new BodyError(
          400,
          'too_deep',
          `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep.`,
        );
      }
    } else if (c === 125 || c === 93) depth--;
  }
}

/** Where the string opened at `open` ends (a quote after an even run of backslashes), or -1; indexOf is fast. */
function closingQuote(text: string, open: number): number {
  for (let at = text.indexOf('"', open + 1); at >= 0; at = text.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 92 /* \\ */) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return -1;
}
