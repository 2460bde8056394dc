import { LEARNER_ACCOUNT_HOME } from '../../src-shared/xapi/statements';

type Json = Record<string, unknown>;

/**
 * The canonical form of an Agent's or identified Group's inverse functional identifier (xAPI 2.0 §2.4.2.3),
 * used for indexing and matching: `mbox:mailto:a@b.c`, `mbox_sha1sum:…`, `openid:…`, `account:home|name`.
 */
export function ifiOf(agent: unknown): string | null {
  if (typeof agent !== 'object' || agent === null) return null;
  const a = agent as Json;
  if (typeof a['mbox'] === 'string') return `mbox:${a['mbox'].toLowerCase()}`;
  if (typeof a['mbox_sha1sum'] === 'string') return `mbox_sha1sum:${a['mbox_sha1sum'].toLowerCase()}`;
  if (typeof a['openid'] === 'string') return `openid:${a['openid']}`;
  const account = a['account'] as Json | undefined;
  if (account && typeof account['homePage'] === 'string' && typeof account['name'] === 'string') {
    return `account:${account['homePage']}|${account['name']}`;
  }
  return null;
}

/** The identifiers a device's learner may appear under: the app's account form, or their email. */
export function learnerIfis(learner: { id: string; email: string }): string[] {
  return [`account:${LEARNER_ACCOUNT_HOME}|${learner.id}`, `mbox:mailto:${learner.email.toLowerCase()}`];
}

/** An Agent, or a Group with its members: every identifier that names it. */
export function agentAndMembers(actor: unknown): string[] {
  const found: string[] = [];
  const own = ifiOf(actor);
  if (own) found.push(own);
  const members = (actor as Json | undefined)?.['member'];
  if (Array.isArray(members)) for (const member of members) found.push(...agentAndMembers(member));
  return found;
}

export interface StatementIndex {
  actorIfi: string;
  verbId: string;
  activityId: string | null;
  registration: string | null;
  agents: string[];
  relatedAgents: string[];
  relatedActivities: string[];
  voids: string | null;
  /** The id of the targeted statement when the object is a StatementRef (a voiding statement's too). */
  refTarget: string | null;
}

/** What the filters of GET /xapi/statements look at, pulled out of a validated statement. */
export function indexStatement(statement: Json): StatementIndex {
  const object = statement['object'] as Json;
  const objectType = (object['objectType'] as string | undefined) ?? 'Activity';
  const verbId = (statement['verb'] as Json)['id'] as string;
  const context = statement['context'] as Json | undefined;
  const agents = agentAndMembers(statement['actor']);
  if (objectType === 'Agent' || objectType === 'Group') agents.push(...agentAndMembers(object));
  return {
    actorIfi: ifiOf(statement['actor']) ?? 'anonymous-group',
    verbId,
    activityId: objectType === 'Activity' ? (object['id'] as string) : null,
    registration:
      typeof context?.['registration'] === 'string' ? context['registration'].toLowerCase() : null,
    agents: unique(agents),
    relatedAgents: unique([...agents, ...relatedAgents(statement)]),
    relatedActivities: unique(relatedActivities(statement)),
    voids: objectType === 'StatementRef' && verbId === VOIDED ? (object['id'] as string).toLowerCase() : null,
    refTarget: objectType === 'StatementRef' ? (object['id'] as string).toLowerCase() : null,
  };
}

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';

function relatedAgents(statement: Json): string[] {
  const found = [...agentAndMembers(statement['authority'])];
  const context = statement['context'] as Json | undefined;
  if (context) {
    found.push(...agentAndMembers(context['instructor']), ...agentAndMembers(context['team']));
    for (const entry of (context['contextAgents'] as Json[] | undefined) ?? [])
      found.push(...agentAndMembers(entry['agent']));
    for (const entry of (context['contextGroups'] as Json[] | undefined) ?? [])
      found.push(...agentAndMembers(entry['group']));
  }
  const object = statement['object'] as Json;
  if (object['objectType'] === 'SubStatement') {
    found.push(...agentAndMembers(object['actor']), ...relatedAgents(object));
    const inner = object['object'] as Json;
    if (inner['objectType'] === 'Agent' || inner['objectType'] === 'Group')
      found.push(...agentAndMembers(inner));
  }
  return found;
}

function relatedActivities(statement: Json): string[] {
  const found: string[] = [];
  const object = statement['object'] as Json;
  if ((object['objectType'] ?? 'Activity') === 'Activity') found.push(object['id'] as string);
  const contextActivities = (statement['context'] as Json | undefined)?.['contextActivities'] as
    Json | undefined;
  for (const entry of Object.values(contextActivities ?? {})) {
    for (const activity of Array.isArray(entry) ? entry : [entry])
      found.push((activity as Json)['id'] as string);
  }
  if (object['objectType'] === 'SubStatement') found.push(...relatedActivities(object));
  return found;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
