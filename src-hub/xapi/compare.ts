import { isUuid, parseTimestamp } from '../../src-shared/xapi/validate';
import { withContextActivityArrays } from './normalize';

type Json = Record<string, unknown>;

/**
 * Whether two statements with one id are the same statement, after the differences xAPI 2.0 §2.3.1
 * ("Statement Comparison Requirements") says to ignore: property order, member order, the case of language
 * tags, mailto IRIs and UUIDs, the spelling of one instant, and what the LRS sets (stored, authority, version).
 * A statement sent without a timestamp matches the stored copy whose timestamp the LRS filled in.
 */
export function sameStatement(stored: Json, incoming: Json): boolean {
  const ignoreTimestamp = incoming['timestamp'] === undefined;
  return canonical(stored, ignoreTimestamp) === canonical(incoming, ignoreTimestamp);
}

function canonical(statement: Json, ignoreTimestamp: boolean): string {
  // Rows stored before contextActivities were normalised still hold single Activities (Data 2.4.6.2).
  const {
    stored: _stored,
    authority: _authority,
    version: _version,
    timestamp,
    ...rest
  } = withContextActivityArrays(statement);
  const copy: Json = ignoreTimestamp || timestamp === undefined ? rest : { ...rest, timestamp };
  return JSON.stringify(normalize(copy, ''));
}

function normalize(value: unknown, key: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => normalize(item, ''));
    // Group members are a set; every other array keeps its order.
    return key === 'member' ? items.map((item) => JSON.stringify(item)).sort() : items;
  }
  if (typeof value === 'string') {
    if (key === 'mbox' || key === 'language' || isUuid(value)) return value.toLowerCase();
    if (key === 'timestamp') return parseTimestamp(value) ?? value;
    return value;
  }
  if (typeof value !== 'object' || value === null) return value;
  const isLanguageMap = key === 'display' || key === 'name' || key === 'description';
  const out: Json = {};
  for (const name of Object.keys(value).sort()) {
    const child = (value as Json)[name];
    out[isLanguageMap && typeof child === 'string' ? name.toLowerCase() : name] = normalize(child, name);
  }
  return out;
}
