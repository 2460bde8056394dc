type Json = Record<string, unknown>;

const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'];

/**
 * `format=ids` (xAPI 2.0 §4.1.6.1): Agents, Groups, Activities and Verbs reduced to what identifies them;
 * an anonymous Group keeps its members, each reduced in turn.
 */
export function idsFormat(statement: Json): Json {
  return reduce(statement, 'statement') as Json;
}

function reduce(value: unknown, role: 'statement' | 'actor' | 'object' | 'other'): unknown {
  if (Array.isArray(value)) return value.map((item) => reduce(item, 'other'));
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Json;
  if (role === 'actor' || isAgentLike(o)) return agent(o);
  if (role === 'object' && (o['objectType'] ?? 'Activity') === 'Activity')
    return { objectType: 'Activity', id: o['id'] };
  const out: Json = {};
  for (const [key, child] of Object.entries(o)) {
    if (
      key === 'actor' ||
      key === 'authority' ||
      key === 'instructor' ||
      key === 'team' ||
      key === 'agent' ||
      key === 'group'
    ) {
      out[key] = reduce(child, 'actor');
    } else if (key === 'verb') {
      out[key] = { id: (child as Json)['id'] };
    } else if (key === 'object') {
      out[key] = reduce(child, 'object');
    } else if (key === 'contextActivities') {
      out[key] = Object.fromEntries(
        Object.entries(child as Json).map(([kind, list]) => [
          kind,
          (Array.isArray(list) ? list : [list]).map((activity) => ({
            objectType: 'Activity',
            id: (activity as Json)['id'],
          })),
        ]),
      );
    } else if (key === 'extensions' || key === 'result') {
      out[key] = child;
    } else {
      out[key] = reduce(child, 'other');
    }
  }
  return out;
}

function isAgentLike(o: Json): boolean {
  return o['objectType'] === 'Agent' || o['objectType'] === 'Group';
}

function agent(o: Json): Json {
  const out: Json = { objectType: o['objectType'] ?? 'Agent' };
  for (const key of IFI_KEYS) if (o[key] !== undefined) out[key] = o[key];
  if (Array.isArray(o['member']) && !IFI_KEYS.some((key) => o[key] !== undefined)) {
    out['member'] = o['member'].map((member) => agent(member as Json));
  }
  return out;
}
