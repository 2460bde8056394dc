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

export function createApi(transport: Transport, onFailure: (error: ApiError) => void = () => undefined): Api {
  const entries = callNames.map((name) => [
    name,
    async (input: unknown) => {
      const result = await transport.call(name, input);
      if (!result.ok) {
        onFailure(result.error);
        throw new ApiFailure(result.error);
      }
      return result.value;
    },
  ]);
  return Object.fromEntries(entries) as Api;
}

export const api: Api = createApi(pickTransport(), (error) => {
  if (error.code === 'UNAUTHORIZED') access.denied = true;
});
