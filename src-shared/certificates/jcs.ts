/**
 * JSON Canonicalization Scheme, RFC 8785. One canonical string per JSON value, so a signature over it
 * survives re-serialisation: object members sorted by their names' UTF-16 code units (§3.2.3), numbers
 * in ECMAScript's Number-to-String form (§3.2.2.3), strings escaped as JSON.stringify escapes them
 * (§3.2.2.2), no whitespace. The caller hashes the UTF-8 bytes of the result (§3.2.4).
 */

/**
 * Canonicalises a JSON value. Throws a TypeError for anything JSON cannot carry faithfully: non-finite
 * numbers, lone surrogates (§3.1, I-JSON), bigint, functions, symbols, undefined inside arrays, class
 * instances such as Date, and cycles. Object members whose value is undefined are left out, as
 * JSON.stringify leaves them out, so canonicalising a value and canonicalising its parsed JSON agree.
 */
export function canonicalize(value: unknown): string {
  return serialize(value, new Set(), '$');
}

function serialize(value: unknown, ancestors: Set<object>, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // §3.2.2.3: JSON.stringify already yields the ECMAScript form (and "0" for -0); only NaN and the
      // infinities have no JSON form.
      if (!Number.isFinite(value)) throw new TypeError(`JCS: ${path} is not a finite number`);
      return JSON.stringify(value);
    case 'string':
      if (hasLoneSurrogate(value)) throw new TypeError(`JCS: ${path} holds a lone surrogate`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`JCS: ${path} is a ${typeof value}, which JSON cannot carry`);
  }

  if (ancestors.has(value)) throw new TypeError(`JCS: ${path} is a cycle`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const items = value.map((item: unknown, index) => {
        if (item === undefined) throw new TypeError(`JCS: ${path}[${index}] is undefined`);
        return serialize(item, ancestors, `${path}[${index}]`);
      });
      return `[${items.join(',')}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`JCS: ${path} is not a plain object`);
    }
    const record = value as Record<string, unknown>;
    // §3.2.3: sort by UTF-16 code units, which is what JavaScript's string comparison does.
    const names = Object.keys(record)
      .filter((name) => record[name] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const members = names.map((name) => {
      if (hasLoneSurrogate(name)) throw new TypeError(`JCS: a member name in ${path} holds a lone surrogate`);
      return `${JSON.stringify(name)}:${serialize(record[name], ancestors, `${path}.${name}`)}`;
    });
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}

function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return true;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return true;
  }
  return false;
}
