/**
 * Checks a statement against the MUST rules of xAPI 2.0 (IEEE 9274.1.1, Part Two, §2.4), reporting the first
 * failure with the JSON path of the property at fault, like `context.contextActivities.parent[0].id`.
 * Pure: the hub checks what devices send with it, and the app can check what it builds.
 */
import {
  array,
  extensions,
  fail,
  iri,
  Invalid,
  isUuid,
  join,
  type Json,
  LANGUAGE_TAG,
  languageMap,
  object,
  only,
  required,
  string,
  timestamp,
} from './json-rules';
import { activityDefinition } from './activity-definition';

export { isUuid, parseTimestamp } from './json-rules';

export type StatementCheck = { ok: true } | { ok: false; path: string; message: string };

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';
const MAILTO = /^mailto:[^@\s]+@[^@\s]+$/i;
const SHA1_HEX = /^[0-9a-f]{40}$/i;
/** Data 4.6: ISO 8601 durations; weeks stand alone ("P4W1D" is not valid). */
const DURATION =
  /^P(?:\d+(?:\.\d+)?W|(?=\d|T\d)(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?D)?(?:T(?=\d)(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?)$/;
const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'];
const CONTEXT_ACTIVITY_KINDS = ['parent', 'grouping', 'category', 'other'];
const STATEMENT_PROPERTIES = [
  'id',
  'actor',
  'verb',
  'object',
  'result',
  'context',
  'timestamp',
  'stored',
  'authority',
  'version',
  'attachments',
];
const SUB_STATEMENT_PROPERTIES = [
  'objectType',
  'actor',
  'verb',
  'object',
  'result',
  'context',
  'timestamp',
  'attachments',
];
const CONTEXT_PROPERTIES = [
  'registration',
  'instructor',
  'team',
  'contextActivities',
  'contextAgents',
  'contextGroups',
  'revision',
  'platform',
  'language',
  'statement',
  'extensions',
];
const VERSION = /^(1\.0|2\.0)(\.\d+)?$/;

export function checkStatement(statement: unknown): StatementCheck {
  try {
    statementBody(statement, '', false);
    return { ok: true };
  } catch (error) {
    if (error instanceof Invalid)
      return { ok: false, path: error.path || '(statement)', message: error.message };
    throw error;
  }
}

/** An Agent as the Agents resource takes it (Communication 2.4): one identifier, not a Group. */
export function checkAgent(value: unknown, path: string): StatementCheck {
  try {
    agent(value, path);
    return { ok: true };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, path: error.path || path, message: error.message };
    throw error;
  }
}

function statementBody(value: unknown, path: string, sub: boolean): void {
  const s = object(value, path);
  only(s, sub ? SUB_STATEMENT_PROPERTIES : STATEMENT_PROPERTIES, path);
  if (!sub && s['id'] !== undefined && !isUuid(s['id'])) fail(join(path, 'id'), 'must be a UUID');
  actor(required(s, 'actor', path), join(path, 'actor'));
  const verbId = verb(required(s, 'verb', path), join(path, 'verb'));
  const objectKind = statementObject(required(s, 'object', path), join(path, 'object'), sub);
  if (verbId === VOIDED_VERB && objectKind !== 'StatementRef') {
    fail(join(path, 'object'), 'a voiding statement (verb voided) must have a StatementRef object');
  }
  if (s['result'] !== undefined) result(s['result'], join(path, 'result'));
  if (s['context'] !== undefined) context(s['context'], join(path, 'context'), objectKind);
  if (s['timestamp'] !== undefined) timestamp(s['timestamp'], join(path, 'timestamp'));
  if (!sub && s['stored'] !== undefined) timestamp(s['stored'], join(path, 'stored'));
  if (!sub && s['authority'] !== undefined) authority(s['authority'], join(path, 'authority'));
  if (!sub && s['version'] !== undefined) {
    const version = s['version'];
    if (typeof version !== 'string' || !VERSION.test(version)) {
      fail(join(path, 'version'), 'must be an xAPI version such as 2.0.0 or 1.0.3');
    }
  }
  if (s['attachments'] !== undefined) attachments(s['attachments'], join(path, 'attachments'));
}

function actor(value: unknown, path: string): void {
  const a = object(value, path);
  if (a['objectType'] === 'Group') group(a, path);
  else agent(a, path);
}

/** Data 2.4.9: an Agent, or (3-legged OAuth) an anonymous Group of exactly two Agents. */
function authority(value: unknown, path: string): void {
  actor(value, path);
  const a = value as Json;
  if (a['objectType'] !== 'Group') return;
  if (IFI_KEYS.some((key) => a[key] !== undefined))
    fail(path, 'an authority Group must be anonymous (an application and a user, no identifier)');
  if ((a['member'] as unknown[]).length !== 2)
    fail(join(path, 'member'), 'an authority Group must have exactly two members');
}

function agent(value: unknown, path: string): void {
  const a = object(value, path);
  only(a, ['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account'], path);
  if (a['objectType'] !== undefined && a['objectType'] !== 'Agent') {
    fail(join(path, 'objectType'), 'must be "Agent" here');
  }
  if (a['name'] !== undefined) string(a['name'], join(path, 'name'));
  if (ifiCount(a, path) !== 1)
    fail(path, 'an Agent must have exactly one of mbox, mbox_sha1sum, openid, account');
}

function group(value: unknown, path: string): void {
  const g = object(value, path);
  only(g, ['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account', 'member'], path);
  if (g['objectType'] !== 'Group') fail(join(path, 'objectType'), 'must be "Group"');
  if (g['name'] !== undefined) string(g['name'], join(path, 'name'));
  const ifis = ifiCount(g, path);
  if (ifis > 1) fail(path, 'a Group may have at most one of mbox, mbox_sha1sum, openid, account');
  if (g['member'] !== undefined) {
    const members = array(g['member'], join(path, 'member'));
    members.forEach((member, i) => {
      const memberPath = `${join(path, 'member')}[${i}]`;
      if (object(member, memberPath)['objectType'] === 'Group')
        fail(memberPath, 'a Group may not contain Groups');
      agent(member, memberPath);
    });
  }
  if (ifis === 0 && (!Array.isArray(g['member']) || g['member'].length === 0)) {
    fail(join(path, 'member'), 'an anonymous Group (no identifier) must list its members');
  }
}

function ifiCount(a: Json, path: string): number {
  let count = 0;
  if (a['mbox'] !== undefined) {
    count++;
    if (typeof a['mbox'] !== 'string' || !MAILTO.test(a['mbox']))
      fail(join(path, 'mbox'), 'must be a mailto: IRI');
  }
  if (a['mbox_sha1sum'] !== undefined) {
    count++;
    if (typeof a['mbox_sha1sum'] !== 'string' || !SHA1_HEX.test(a['mbox_sha1sum'])) {
      fail(join(path, 'mbox_sha1sum'), 'must be 40 hexadecimal digits');
    }
  }
  if (a['openid'] !== undefined) {
    count++;
    iri(a['openid'], join(path, 'openid'));
  }
  if (a['account'] !== undefined) {
    count++;
    const account = object(a['account'], join(path, 'account'));
    only(account, ['homePage', 'name'], join(path, 'account'));
    iri(required(account, 'homePage', join(path, 'account')), join(path, 'account.homePage'));
    string(required(account, 'name', join(path, 'account')), join(path, 'account.name'));
  }
  return count;
}

function verb(value: unknown, path: string): string {
  const v = object(value, path);
  only(v, ['id', 'display'], path);
  const id = iri(required(v, 'id', path), join(path, 'id'));
  if (v['display'] !== undefined) languageMap(v['display'], join(path, 'display'));
  return id;
}

type ObjectKind = 'Activity' | 'Agent' | 'Group' | 'StatementRef' | 'SubStatement';

function statementObject(value: unknown, path: string, sub: boolean): ObjectKind {
  const o = object(value, path);
  const type = o['objectType'] ?? 'Activity';
  switch (type) {
    case 'Activity':
      activity(o, path);
      return 'Activity';
    case 'Agent':
      agent(o, path);
      return 'Agent';
    case 'Group':
      group(o, path);
      return 'Group';
    case 'StatementRef':
      statementRef(o, path);
      return 'StatementRef';
    case 'SubStatement':
      if (sub) fail(join(path, 'objectType'), 'a SubStatement may not contain another SubStatement');
      statementBody(o, path, true);
      return 'SubStatement';
    default:
      return fail(join(path, 'objectType'), 'must be Activity, Agent, Group, StatementRef or SubStatement');
  }
}

function activity(value: unknown, path: string): void {
  const a = object(value, path);
  only(a, ['objectType', 'id', 'definition'], path);
  if (a['objectType'] !== undefined && a['objectType'] !== 'Activity')
    fail(join(path, 'objectType'), 'must be "Activity"');
  iri(required(a, 'id', path), join(path, 'id'));
  if (a['definition'] !== undefined) activityDefinition(a['definition'], join(path, 'definition'));
}

function statementRef(value: unknown, path: string): void {
  const r = object(value, path);
  only(r, ['objectType', 'id'], path);
  if (r['objectType'] !== 'StatementRef') fail(join(path, 'objectType'), 'must be "StatementRef"');
  if (!isUuid(r['id'])) fail(join(path, 'id'), 'must be a UUID');
}

function result(value: unknown, path: string): void {
  const r = object(value, path);
  only(r, ['score', 'success', 'completion', 'response', 'duration', 'extensions'], path);
  if (r['score'] !== undefined) score(r['score'], join(path, 'score'));
  for (const flag of ['success', 'completion']) {
    if (r[flag] !== undefined && typeof r[flag] !== 'boolean')
      fail(join(path, flag), 'must be true or false');
  }
  if (r['response'] !== undefined) string(r['response'], join(path, 'response'));
  if (r['duration'] !== undefined && (typeof r['duration'] !== 'string' || !DURATION.test(r['duration']))) {
    fail(join(path, 'duration'), 'must be an ISO 8601 duration such as PT1M30S');
  }
  if (r['extensions'] !== undefined) extensions(r['extensions'], join(path, 'extensions'));
}

function score(value: unknown, path: string): void {
  const s = object(value, path);
  only(s, ['scaled', 'raw', 'min', 'max'], path);
  for (const key of ['scaled', 'raw', 'min', 'max']) {
    if (s[key] !== undefined && (typeof s[key] !== 'number' || !Number.isFinite(s[key])))
      fail(join(path, key), 'must be a number');
  }
  const { scaled, raw, min, max } = s as { scaled?: number; raw?: number; min?: number; max?: number };
  if (scaled !== undefined && (scaled < -1 || scaled > 1))
    fail(join(path, 'scaled'), 'must be between -1 and 1');
  if (min !== undefined && max !== undefined && min >= max) fail(join(path, 'min'), 'must be less than max');
  if (raw !== undefined && min !== undefined && raw < min)
    fail(join(path, 'raw'), 'must not be less than min');
  if (raw !== undefined && max !== undefined && raw > max)
    fail(join(path, 'raw'), 'must not be more than max');
}

function context(value: unknown, path: string, objectKind: ObjectKind): void {
  const c = object(value, path);
  only(c, CONTEXT_PROPERTIES, path);
  if (c['registration'] !== undefined && !isUuid(c['registration']))
    fail(join(path, 'registration'), 'must be a UUID');
  if (c['instructor'] !== undefined) actor(c['instructor'], join(path, 'instructor'));
  if (c['team'] !== undefined) {
    if (object(c['team'], join(path, 'team'))['objectType'] !== 'Group')
      fail(join(path, 'team'), 'must be a Group');
    group(c['team'], join(path, 'team'));
  }
  if (c['contextActivities'] !== undefined)
    contextActivities(c['contextActivities'], join(path, 'contextActivities'));
  if (c['contextAgents'] !== undefined)
    contextActors(c['contextAgents'], join(path, 'contextAgents'), 'contextAgent', 'agent');
  if (c['contextGroups'] !== undefined)
    contextActors(c['contextGroups'], join(path, 'contextGroups'), 'contextGroup', 'group');
  for (const key of ['revision', 'platform']) {
    if (c[key] === undefined) continue;
    string(c[key], join(path, key));
    // §2.4.6: revision and platform describe an Activity; they make no sense for an Agent or a statement.
    if (objectKind !== 'Activity') fail(join(path, key), 'may be used only when the object is an Activity');
  }
  if (
    c['language'] !== undefined &&
    (typeof c['language'] !== 'string' || !LANGUAGE_TAG.test(c['language']))
  ) {
    fail(join(path, 'language'), 'must be an RFC 5646 language tag');
  }
  if (c['statement'] !== undefined) statementRef(c['statement'], join(path, 'statement'));
  if (c['extensions'] !== undefined) extensions(c['extensions'], join(path, 'extensions'));
}

function contextActivities(value: unknown, path: string): void {
  const ca = object(value, path);
  only(ca, CONTEXT_ACTIVITY_KINDS, path);
  for (const kind of CONTEXT_ACTIVITY_KINDS) {
    const entry = ca[kind];
    if (entry === undefined) continue;
    // §2.4.6.2: a single Activity is allowed and means a one-element array.
    if (Array.isArray(entry)) entry.forEach((a, i) => activity(a, `${join(path, kind)}[${i}]`));
    else activity(entry, join(path, kind));
  }
}

function contextActors(value: unknown, path: string, objectType: string, key: 'agent' | 'group'): void {
  array(value, path).forEach((entry, i) => {
    const at = `${path}[${i}]`;
    const e = object(entry, at);
    only(e, ['objectType', key, 'relevantTypes'], at);
    if (e['objectType'] !== objectType) fail(join(at, 'objectType'), `must be "${objectType}"`);
    if (key === 'agent') agent(required(e, key, at), join(at, key));
    else group(required(e, key, at), join(at, key));
    if (e['relevantTypes'] !== undefined) {
      const types = array(e['relevantTypes'], join(at, 'relevantTypes'));
      if (types.length === 0) fail(join(at, 'relevantTypes'), 'must not be empty');
      types.forEach((t, j) => iri(t, `${join(at, 'relevantTypes')}[${j}]`));
    }
  });
}

function attachments(value: unknown, path: string): void {
  array(value, path).forEach((entry, i) => {
    const at = `${path}[${i}]`;
    const a = object(entry, at);
    only(a, ['usageType', 'display', 'description', 'contentType', 'length', 'sha2', 'fileUrl'], at);
    iri(required(a, 'usageType', at), join(at, 'usageType'));
    languageMap(required(a, 'display', at), join(at, 'display'));
    if (a['description'] !== undefined) languageMap(a['description'], join(at, 'description'));
    string(required(a, 'contentType', at), join(at, 'contentType'));
    const length = required(a, 'length', at);
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0)
      fail(join(at, 'length'), 'must be a whole number of bytes');
    string(required(a, 'sha2', at), join(at, 'sha2'));
    if (a['fileUrl'] !== undefined) iri(a['fileUrl'], join(at, 'fileUrl'));
  });
}
