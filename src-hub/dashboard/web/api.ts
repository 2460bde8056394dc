import type { z } from 'zod';
import { hubRoutes, type HubReply, type HubRouteName } from '../../../src-shared/hub/contract';
import { HubError } from '../../../src-shared/hub/schemas';

/** The dashboard's calls to the hub, by route name from the hub contract: errors as the hub's `{ error, message }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

type Input<N extends HubRouteName> = (typeof hubRoutes)[N] extends { body: z.ZodType }
  ? { body: z.input<(typeof hubRoutes)[N]['body']> }
  : (typeof hubRoutes)[N] extends { query: z.ZodType }
    ? { query: Record<string, string> }
    : (typeof hubRoutes)[N] extends { zip: true }
      ? { zip: ArrayBuffer }
      : Record<string, never>;

/**
 * Calls one route and validates the answer against the contract, so a field the hub renamed or dropped is an
 * error here, not an `undefined` shown on the page.
 */
export async function call<N extends HubRouteName>(name: N, input: Input<N>): Promise<HubReply<N>> {
  const route = hubRoutes[name];
  const headers: Record<string, string> = {};
  let body: BodyInit | null = null;
  if ('zip' in input) {
    headers['content-type'] = 'application/zip';
    body = input.zip as ArrayBuffer;
  } else if ('body' in input) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(input.body);
  }
  const search = 'query' in input ? query(input.query as Record<string, string>) : '';
  const response = await fetch(`${route.path}${search}`, {
    method: route.method,
    headers,
    body,
    credentials: 'same-origin',
  });
  const json = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const refusal = HubError.safeParse(json);
    throw new ApiError(
      response.status,
      refusal.success ? refusal.data.error : 'error',
      refusal.success ? refusal.data.message : `The hub answered ${response.status}.`,
      refusal.success ? (refusal.data.problems ?? []) : [],
    );
  }
  const answer = route.response.safeParse(json);
  if (!answer.success) {
    const issue = answer.error.issues[0];
    throw new ApiError(
      response.status,
      'unexpected_answer',
      `The hub's answer to ${name} is not what this page expects (${issue?.path.join('.') || 'the body'}: ${issue?.message ?? 'invalid'}). Reload the page; if it persists, the hub and this page are different versions.`,
    );
  }
  return answer.data as HubReply<N>;
}

export function query(params: Record<string, string>): string {
  const filled = Object.entries(params).filter(([, value]) => value !== '');
  return filled.length > 0 ? `?${new URLSearchParams(filled).toString()}` : '';
}

export function when(iso: string | null): string {
  if (!iso) return 'never';
  return new Date(iso).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}
