type Json = Record<string, unknown>;

/**
 * Data 2.4.6.2: a contextActivities value may arrive as a single Activity, but the LRS returns every value as an
 * array. Returns the statement itself when nothing needs changing (the usual case), else a copy; SubStatements
 * are normalised too.
 */
export function withContextActivityArrays(statement: Json): Json {
  let out = statement;
  const context = statement['context'] as Json | undefined;
  const contextActivities = context?.['contextActivities'] as Json | undefined;
  if (contextActivities && Object.values(contextActivities).some((value) => !Array.isArray(value))) {
    const arrays = Object.fromEntries(
      Object.entries(contextActivities).map(([kind, value]) => [
        kind,
        Array.isArray(value) ? value : [value],
      ]),
    );
    out = { ...out, context: { ...context, contextActivities: arrays } };
  }
  const object = statement['object'] as Json | undefined;
  if (object?.['objectType'] === 'SubStatement') {
    const inner = withContextActivityArrays(object);
    if (inner !== object) out = { ...out, object: inner };
  }
  return out;
}
