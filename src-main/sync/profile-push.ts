import type { DeliveryEnd } from '../../src-shared/sync/deliver';
import type { Logger } from '../core/logger';
import { hubRoutes } from '../../src-shared/hub/contract';
import { hubUrlFor, networkReason, serverMessage, type Fetch } from './http';

export interface ProfilePushDeps {
  fetch: Fetch;
  hubUrl: string;
  authorization: string;
  /** The hub's id for this learner (the enrolled agent's account name). */
  learnerId: string | null;
  /** The company profile record (companyProfileRecord: never a field marked "only me"). */
  record: Record<string, unknown>;
  logger: Logger;
  signal: AbortSignal;
}

/**
 * PUT /profiles/me with the learner's company profile record, for the hub's expert directory. A hub without the
 * directory (404) or refusing the record (400, 403) does not hold up the completion records: it is logged.
 */
export async function pushCompanyProfile(deps: ProfilePushDeps): Promise<DeliveryEnd> {
  const body = deps.learnerId ? { ...deps.record, learnerId: deps.learnerId } : deps.record;
  let response: Response;
  let text: string;
  try {
    response = await deps.fetch(hubUrlFor(hubRoutes.putProfile, deps.hubUrl), {
      method: 'PUT',
      headers: { authorization: deps.authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.any([deps.signal, AbortSignal.timeout(30_000)]),
    });
    text = await response.text();
  } catch (error) {
    return { kind: 'retry', reason: networkReason(error), status: null, retryAfterMs: null };
  }
  if (response.ok) return { kind: 'done' };
  const message = serverMessage(text, response.status);
  if (response.status === 401) return { kind: 'stop', status: 401, message };
  if (response.status === 429 || response.status >= 500) {
    return { kind: 'retry', reason: message, status: response.status, retryAfterMs: null };
  }
  deps.logger.info(`sync: the hub did not take the profile record (${response.status}): ${message}`);
  return { kind: 'done' };
}
