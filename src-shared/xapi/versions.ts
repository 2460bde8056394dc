/**
 * The xAPI versions the app sends in, and the conversion of its 2.0 statements for a record store that speaks
 * only 1.0.x (docs/xapi-profile.md#record-stores-that-speak-xapi-10).
 */
export const SENDABLE_VERSIONS = ['2.0.0', '1.0.3'] as const;
export type XapiVersion = (typeof SENDABLE_VERSIONS)[number];

/**
 * The version to send in, from the `version` list of a record store's GET /about: 2.0 when it speaks any 2.0.x,
 * else 1.0.3 when it speaks any 1.0.x, else null.
 */
export function negotiateVersion(offered: readonly unknown[]): XapiVersion | null {
  const versions = offered.filter((v): v is string => typeof v === 'string');
  if (versions.some((v) => /^2\.0\.\d+$/.test(v))) return '2.0.0';
  if (versions.some((v) => /^1\.0(\.\d+)?$/.test(v))) return '1.0.3';
  return null;
}

/** Context properties that xAPI 2.0 added: a 1.0.3 record store refuses a statement that has them. */
const CONTEXT_2_0_ONLY = ['contextAgents', 'contextGroups'];

type Json = Record<string, unknown>;

function withoutContext20(context: unknown): unknown {
  if (context === null || typeof context !== 'object' || Array.isArray(context)) return context;
  return Object.fromEntries(
    Object.entries(context as Json).filter(([key]) => !CONTEXT_2_0_ONLY.includes(key)),
  );
}

/**
 * A 2.0 statement in 1.0.3 form: `version` 1.0.3, and without the context properties 2.0 added (in a
 * sub-statement too). Everything else the app writes means the same in both.
 */
export function toXapi103(statement: Json): Json {
  const converted: Json = { ...statement, version: '1.0.3' };
  if (converted['context'] !== undefined) converted['context'] = withoutContext20(converted['context']);
  const object = converted['object'] as Json | undefined;
  if (object && object['objectType'] === 'SubStatement' && object['context'] !== undefined) {
    converted['object'] = { ...object, context: withoutContext20(object['context']) };
  }
  return converted;
}
