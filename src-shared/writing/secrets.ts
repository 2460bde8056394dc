/**
 * Credentials pasted into a draft by accident: well-known key and token shapes, private key blocks, and a
 * value with the look of a secret assigned to a name that says it is one (`api_key = "…"`). The shapes run
 * on RE2 like every other guideline pattern, so the check is linear in the draft whatever it contains.
 */
import { RE2JS } from 're2js';
import type { Span } from './text-metrics';

export const SECRET_KINDS = [
  'aws',
  'gcp',
  'github',
  'gitlab',
  'slack',
  'stripe',
  'openai',
  'jwt',
  'private-key',
  'assignment',
] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/** Each shape: the token itself, with an ASCII boundary (RE2's \b) on either side. */
const SHAPES: Record<Exclude<SecretKind, 'assignment'>, string[]> = {
  // Access key ids (AKIA long-lived, ASIA temporary); a secret access key is caught as an assignment.
  aws: [String.raw`\b(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA)[0-9A-Z]{16}\b`],
  // API keys; service-account keys are JSON holding a PEM private key, caught below.
  gcp: [String.raw`\bAIza[0-9A-Za-z_-]{35}`, String.raw`\bya29\.[0-9A-Za-z_-]{20,}`],
  github: [String.raw`\bgh[pousr]_[A-Za-z0-9]{36,}\b`, String.raw`\bgithub_pat_[A-Za-z0-9_]{50,}\b`],
  gitlab: [String.raw`\bglpat-[A-Za-z0-9_-]{20,}`],
  slack: [
    String.raw`\bxox[abposer]-[A-Za-z0-9-]{10,}`,
    String.raw`https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9/_-]{20,}`,
  ],
  // Secret and restricted keys; publishable keys (pk_) are meant to be public.
  stripe: [String.raw`\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}\b`, String.raw`\bwhsec_[0-9A-Za-z]{24,}\b`],
  openai: [String.raw`\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{32,}`],
  jwt: [String.raw`\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}`],
  // The whole block, to its END line or, when cut off, to the end of the draft.
  'private-key': [
    String.raw`-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)`,
  ],
};

/**
 * A name that says it holds a secret, then `=`, `:` or `=>`, then the value (quoted, or a bare run of
 * token characters). Group 1 is the value, judged in code by {@link looksSecret}.
 */
const ASSIGNMENT = String.raw`\b[A-Za-z0-9_.-]*(?:api[_-]?key|apikey|secret|token|passw(?:or)?d|pwd|access[_-]?key|private[_-]?key|client[_-]?secret|auth[_-]?key|credentials?)[A-Za-z0-9_.-]*["']?\s*(?:=>|:=|=|:)\s*(?:["']([^"'\s]{8,200})["']|([A-Za-z0-9+/=_.~-]{16,200}))`;

/** The shapes are RE2 syntax (no lookaround), compiled once; `$` is the end of the draft. */
function compiled(source: string, flags = 0): RE2JS {
  return RE2JS.compile(source, flags);
}

let shapes: { kind: SecretKind; regex: RE2JS }[] | undefined;
let assignment: RE2JS | undefined;

/** Placeholders people write in examples: your-key-here, <token>, xxxx, ${API_KEY}, EXAMPLE, changeme. */
const PLACEHOLDER =
  /example|sample|placeholder|your[-_]?|<|>|\$\{|\{\{|x{4,}|\*{3,}|\.{3}|changeme|redacted|dummy|fake|replace|insert|todo|process\.env|os\.environ|getenv|secrets\.|env\[/i;

/** Bits per character of `value` by the frequency of its characters. */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  const length = [...value].length;
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Whether a value assigned to a secret-sounding name looks like a real credential: not a placeholder or a
 * reference to an environment variable, with letters and digits mixed, and random enough (at least 3 bits a
 * character, which plain words and repeated characters don't reach). A quoted password needs only 8
 * characters mixing letters and digits; a key or token, 16.
 */
export function looksSecret(value: string, quoted: boolean): boolean {
  if (PLACEHOLDER.test(value)) return false;
  if (!/[A-Za-z]/.test(value) || !/[0-9]/.test(value)) return false;
  if (/^\d+(?:\.\d+)*$/.test(value.replace(/^v/, ''))) return false;
  const minimum = quoted ? 8 : 16;
  if (value.length < minimum) return false;
  return shannonEntropy(value) >= (value.length >= 16 ? 3.3 : 2.8);
}

/** Spans of `text` that look like credentials of `kinds` (every kind when absent), minus `allowed` values. */
export function secretSpans(
  text: string,
  kinds: readonly SecretKind[] = SECRET_KINDS,
  allowed: readonly string[] = [],
): Span[] {
  shapes ??= (Object.entries(SHAPES) as [SecretKind, string[]][]).flatMap(([kind, sources]) =>
    sources.map((source) => ({ kind, regex: compiled(source) })),
  );
  assignment ??= compiled(ASSIGNMENT, RE2JS.CASE_INSENSITIVE);
  const wanted = new Set(kinds);
  const spans: Span[] = [];
  const isAllowed = (found: string): boolean => allowed.some((value) => found.includes(value));
  for (const { kind, regex } of shapes) {
    if (!wanted.has(kind)) continue;
    for (const match of regex.matchAll(text)) {
      const found = match[0] ?? '';
      if (found === '' || isAllowed(found)) continue;
      const start = match.index ?? 0;
      spans.push({ start, end: start + found.length });
    }
  }
  if (wanted.has('assignment')) {
    for (const match of assignment.matchAll(text)) {
      const whole = match[0] ?? '';
      const value = match[1] ?? match[2];
      if (value === undefined || isAllowed(value) || !looksSecret(value, match[1] !== undefined)) continue;
      const start = (match.index ?? 0) + whole.lastIndexOf(value);
      spans.push({ start, end: start + value.length });
    }
  }
  // A token inside an assignment is found twice: keep the widest span at each place.
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  for (const span of spans) {
    const last = kept[kept.length - 1];
    if (last === undefined || span.start >= last.end) kept.push(span);
  }
  return kept;
}
