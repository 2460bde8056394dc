type Json = Record<string, unknown>;

/** The properties merged entry by entry, not replaced whole: the language maps and extensions. */
export const MERGED_BY_ENTRY = ['name', 'description', 'extensions'];

/**
 * Every Activity a statement defines, in order: its object, its context activities, and those of a SubStatement
 * object. Activities sent without a definition (just an id) add nothing to what the LRS knows.
 */
export function activityDefinitions(statement: Json): [string, Json][] {
  const found: [string, Json][] = [];
  const add = (activity: unknown): void => {
    const a = activity as Json;
    if (typeof a['id'] === 'string' && isObject(a['definition'])) found.push([a['id'], a['definition']]);
  };
  const object = statement['object'] as Json;
  if ((object['objectType'] ?? 'Activity') === 'Activity') add(object);
  const contextActivities = (statement['context'] as Json | undefined)?.['contextActivities'] as
    Json | undefined;
  for (const entry of Object.values(contextActivities ?? {})) {
    for (const activity of Array.isArray(entry) ? entry : [entry]) add(activity);
  }
  if (object['objectType'] === 'SubStatement') found.push(...activityDefinitions(object));
  return found;
}

/**
 * The LRS's canonical definition after seeing `incoming` (Data 2.4.4.1: the LRS updates its definition only from
 * a provider it considers to have the authority to). With `overwrite`, incoming values replace what is known;
 * without (a learner's device), they only fill gaps, so one device cannot rename a course for everyone. Language
 * maps and extensions merge entry by entry, so a definition in one language does not erase the others.
 */
export function mergeDefinition(current: Json, incoming: Json, overwrite: boolean): Json {
  const merged: Json = { ...current };
  for (const [key, value] of Object.entries(incoming)) {
    const known = current[key];
    if (MERGED_BY_ENTRY.includes(key) && isObject(known) && isObject(value)) {
      merged[key] = overwrite ? { ...known, ...value } : { ...value, ...known };
    } else if (overwrite || known === undefined) {
      merged[key] = value;
    }
  }
  return merged;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
