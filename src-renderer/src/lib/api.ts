import { callNames, type CallInput, type CallName, type CallOutput } from '../../../src-shared/api/contract';
import type { ApiError, CallResult } from '../../../src-shared/api/errors';
import { access } from './access.svelte';
import { pickTransport } from './transport';

/** How the client reaches the main process: Electron's preload bridge or the browser host over HTTP. */
export interface Transport {
  call(name: CallName, input: unknown): Promise<CallResult<unknown>>;
}

/** One typed function per call in the contract: `api.getAppInfo({})`. */
export type Api = { [N in CallName]: (input: CallInput<N>) => Promise<CallOutput<N>> };

/** A failed call, carrying the `{ code, message, details }` the main process sent. */
export class ApiFailure extends Error {
  readonly error: ApiError;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiFailure';
    this.error = error;
  }
}

/** Any failure as the `{ code, message }` the UI turns into words: a failed call keeps its own. */
export function toApiError(error: unknown): ApiError {
  return error instanceof ApiFailure
    ? error.error
    : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/** What `guard` works on: a flag that is set while the work runs, and the failure the UI shows. */
export interface Guarded {
  busy: boolean;
  error: ApiError | null;
}

/** Runs `work` with `target.busy` set; its failure becomes `target.error`, which success clears. */
export async function guard(target: Guarded, work: () => Promise<void>): Promise<void> {
  target.busy = true;
  try {
    await work();
    target.error = null;
  } catch (error) {
    target.error = toApiError(error);
  } finally {
    target.busy = false;
  }
}

/**
 * `onFailure` hears of every failed call, with what `stamp` said when the call was sent: a refusal of a call sent
 * under an older access key is no news about the current one.
 */
export function createApi<Stamp = undefined>(
  transport: Transport,
  onFailure: (error: ApiError, sentAt: Stamp | undefined) => void = () => undefined,
  stamp: () => Stamp | undefined = () => undefined,
): Api {
  const entries = callNames.map((name) => [
    name,
    async (input: unknown) => {
      const sentAt = stamp();
      const result = await transport.call(name, input);
      if (!result.ok) {
        onFailure(result.error, sentAt);
        throw new ApiFailure(result.error);
      }
      return result.value;
    },
  ]);
  return Object.fromEntries(entries) as Api;
}

export const api: Api = createApi(
  pickTransport(),
  (error, sentAt) => {
    if (error.code === 'UNAUTHORIZED' && sentAt !== undefined) access.refused(sentAt);
  },
  () => access.generation,
);
