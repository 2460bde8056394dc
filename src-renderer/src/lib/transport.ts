import type { CallName } from '../../../src-shared/api/contract';
import type { AdvocateBridge } from '../../../src-shared/api/bridge';
import { CallResultEnvelope, type CallResult } from '../../../src-shared/api/errors';
import type { Transport } from './api';
import { readAccessToken } from './access-token';

declare global {
  interface Window {
    /** Present only inside the Electron shell, put there by its preload. */
    advocate?: AdvocateBridge;
  }
}

function unreachable(message: string): CallResult<never> {
  return { ok: false, error: { code: 'UNREACHABLE', message } };
}

/** The one place that knows there are two hosts; everything above it holds a typed `api`. */
export function pickTransport(): Transport {
  const bridge = window.advocate;
  if (bridge) return { call: (name, input) => bridge.call(name, input) };
  return createHttpTransport(() => readAccessToken(window.sessionStorage));
}

/** `baseUrl` is empty in the page (same origin); tests pass the host's address. */
export function createHttpTransport(token: () => string | null, baseUrl = ''): Transport {
  return {
    async call(name: CallName, input: unknown) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token() ?? ''}` },
          body: JSON.stringify(input ?? {}),
        });
      } catch (error) {
        return unreachable(`Could not reach Advocate Studio: ${String(error)}`);
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return unreachable(`Advocate Studio answered ${response.status} without a readable reply.`);
      }
      const envelope = CallResultEnvelope.safeParse(body);
      return envelope.success
        ? envelope.data
        : unreachable('Advocate Studio sent a reply this page cannot read.');
    },
  };
}
