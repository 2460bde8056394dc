import type { CallResult } from './errors';

/** What the Electron preload exposes on `window.advocate`, and nothing more: one call, one channel. */
export interface AdvocateBridge {
  call(name: string, input: unknown): Promise<CallResult<unknown>>;
}

export const IPC_CHANNEL = 'advocate:call';
