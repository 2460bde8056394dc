import { pickLanguage, type LanguageMap, type LanguageRange } from './language';

type Json = Record<string, unknown>;

const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'];
const ACTOR_KEYS = ['actor', 'authority', 'instructor', 'team', 'agent', 'group'];
const COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'];

/**
 * `format=ids` (Communication 2.1.3): Agents and Groups reduced to what identifies them (an anonymous Group keeps
 * its members, each reduced in turn), Verbs and Activities to their id, in SubStatements and context too.
 */
export function idsFormat(statement: Json): Json {
  return reduce(statement, 'other') as Json;
}

function reduce(value: unknown, role: 'actor' | 'object' | 'other'): unknown {
  if (Array.isArray(value)) return value.map((item) => reduce(item, 'other'));
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Json;
  if (role === 'actor' || o['objectType'] === 'Agent' || o['objectType'] === 'Group') return agent(o);
  if (role === 'object' && (o['objectType'] ?? 'Activity') === 'Activity') return { id: o['id'] };
  const out: Json = {};
  for (const [key, child] of Object.entries(o)) {
    if (ACTOR_KEYS.includes(key)) out[key] = reduce(child, 'actor');
    else if (key === 'verb') out[key] = { id: (child as Json)['id'] };
    else if (key === 'object') out[key] = reduce(child, 'object');
    else if (key === 'contextActivities') out[key] = mapActivities(child as Json, (a) => ({ id: a['id'] }));
    else if (key === 'extensions' || key === 'result') out[key] = child;
    else out[key] = reduce(child, 'other');
  }
  return out;
}

function agent(o: Json): Json {
  const out: Json = { objectType: o['objectType'] ?? 'Agent' };
  for (const key of IFI_KEYS) if (o[key] !== undefined) out[key] = o[key];
  if (Array.isArray(o['member']) && !IFI_KEYS.some((key) => o[key] !== undefined)) {
    out['member'] = o['member'].map((member) => agent(member as Json));
  }
  return out;
}

/**
 * `format=canonical` (Communication 2.1.3): every Activity carries the LRS's canonical definition (its own when the
 * LRS holds none), and each language map of an Activity and a Verb holds the one language the reader prefers.
 * Agents and Groups stay exactly as sent.
 */
export function canonicalFormat(
  statement: Json,
  definitions: Map<string, Json>,
  ranges: LanguageRange[],
): Json {
  const activity = (a: Json): Json => {
    const definition = definitions.get(a['id'] as string) ?? (a['definition'] as Json | undefined);
    return definition ? { ...a, definition: oneLanguage(definition, ranges) } : a;
  };
  const out: Json = { ...statement };
  const verb = statement['verb'] as Json;
  if (verb['display'])
    out['verb'] = { ...verb, display: pickLanguage(verb['display'] as LanguageMap, ranges) };
  const object = statement['object'] as Json;
  if ((object['objectType'] ?? 'Activity') === 'Activity') out['object'] = activity(object);
  if (object['objectType'] === 'SubStatement') out['object'] = canonicalFormat(object, definitions, ranges);
  const context = statement['context'] as Json | undefined;
  if (context?.['contextActivities']) {
    out['context'] = {
      ...context,
      contextActivities: mapActivities(context['contextActivities'] as Json, activity),
    };
  }
  return out;
}

function oneLanguage(definition: Json, ranges: LanguageRange[]): Json {
  const out: Json = { ...definition };
  for (const key of ['name', 'description']) {
    if (out[key]) out[key] = pickLanguage(out[key] as LanguageMap, ranges);
  }
  for (const key of COMPONENT_LISTS) {
    if (!Array.isArray(out[key])) continue;
    out[key] = (out[key] as Json[]).map((component) =>
      component['description']
        ? { ...component, description: pickLanguage(component['description'] as LanguageMap, ranges) }
        : component,
    );
  }
  return out;
}

/** Applies `f` to every Activity of a contextActivities object, whose values are arrays (or, in old rows, one). */
function mapActivities(contextActivities: Json, f: (activity: Json) => Json): Json {
  return Object.fromEntries(
    Object.entries(contextActivities).map(([kind, list]) => [
      kind,
      (Array.isArray(list) ? list : [list]).map((a) => f(a as Json)),
    ]),
  );
}

/** Every Activity id a statement names (object, context activities, a SubStatement's), for loading definitions. */
export function activityIds(statement: Json): string[] {
  const ids: string[] = [];
  const object = statement['object'] as Json;
  if ((object['objectType'] ?? 'Activity') === 'Activity') ids.push(object['id'] as string);
  const contextActivities = (statement['context'] as Json | undefined)?.['contextActivities'] as
    Json | undefined;
  for (const list of Object.values(contextActivities ?? {})) {
    for (const a of Array.isArray(list) ? list : [list]) ids.push((a as Json)['id'] as string);
  }
  if (object['objectType'] === 'SubStatement') ids.push(...activityIds(object));
  return ids;
}
