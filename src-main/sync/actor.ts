import type { Connection } from './connections';

/**
 * The statement as this connection must receive it. A hub binds device credentials to one learner account; it
 * is the app's own id unless the hub already knew the learner's email under another id, and then the actor
 * becomes the hub's agent. The same record always turns into the same statement, so resending stays a no-op.
 */
export function forConnection(
  statement: Record<string, unknown>,
  connection: Connection,
): Record<string, unknown> {
  if (connection.kind !== 'hub' || !connection.agent) return statement;
  const actor = statement['actor'] as { account?: { name?: unknown } } | undefined;
  const agent = connection.agent as { account?: { name?: unknown } };
  if (actor?.account?.name === agent.account?.name) return statement;
  const name = (statement['actor'] as { name?: unknown } | undefined)?.name;
  return { ...statement, actor: { ...connection.agent, ...(typeof name === 'string' ? { name } : {}) } };
}
