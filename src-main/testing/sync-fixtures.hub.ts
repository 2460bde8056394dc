import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { localLearner, recordStatement } from '../training/statements';
import type { AppCore } from '../core/app';

/** Test helpers for the sync suites: outbox records made by the training code, a faulty network, the hub's view. */

/** Writes `count` completion records as the training code does (recordStatement in one transaction). */
export function recordCompletions(
  core: AppCore,
  count: number,
  now = new Date('2026-11-25T12:00:00Z'),
): string[] {
  const db = core.database.db;
  const learner = localLearner(db, () => now);
  return db.transaction((tx) =>
    Array.from({ length: count }, (_, i) =>
      recordStatement(tx, {
        timestamp: new Date(now.getTime() + i),
        learner,
        verb: 'completed',
        object: { kind: 'lesson', packId: 'sync-test', id: `lesson-${i}`, title: `Lesson ${i}` },
      }),
    ),
  );
}

export type ProxyMode =
  /** Forward everything. */
  | 'up'
  /** Accept, then drop every connection at once (the network is down). */
  | 'down'
  /** Forward the request, then cut the connection after the first bytes of the hub's answer. */
  | 'cut-response';

/**
 * A TCP proxy on loopback between the app and the hub, whose address stays the same when the hub behind it
 * restarts on another port. `cutResponses` responses are cut mid-way before it forwards cleanly again.
 */
export interface FaultyProxy {
  url: string;
  mode: ProxyMode;
  /** In `cut-response` mode, how many more answers to cut before forwarding whole ones. */
  cutResponses: number;
  /** How many answers were cut so far. */
  cut: number;
  target: string;
  /** Drops every open connection and refuses new ones. */
  goDown(): void;
  close(): Promise<void>;
}

export async function startProxy(target: string): Promise<FaultyProxy> {
  const sockets = new Set<Socket>();
  const state: Omit<FaultyProxy, 'url' | 'close' | 'goDown'> = {
    mode: 'up',
    cutResponses: 0,
    cut: 0,
    target,
  };
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (state.mode === 'down') {
      client.destroy();
      return;
    }
    const { hostname, port } = new URL(state.target);
    const upstream = createConnection({ host: hostname, port: Number(port) });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (state.mode === 'cut-response' && state.cutResponses > 0) {
        state.cutResponses--;
        state.cut++;
        // The hub has answered (so it has stored the batch); the device sees only half a status line.
        client.write(chunk.subarray(0, Math.min(10, chunk.length)));
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    url,
    goDown() {
      state.mode = 'down';
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  }) as FaultyProxy;
}

/** Every statement id the hub holds that this credential may read, following `more` (GET /xapi/statements). */
export async function hubStatementIds(hubUrl: string, authorization: string): Promise<string[]> {
  const ids: string[] = [];
  let next: string | null = '/xapi/statements?limit=500&format=ids';
  while (next) {
    const response: Response = await fetch(new URL(next, hubUrl), {
      headers: { authorization, 'x-experience-api-version': '2.0.0' },
    });
    if (!response.ok) throw new Error(`GET ${next}: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { statements: { id: string }[]; more: string };
    ids.push(...page.statements.map((s) => s.id));
    next = page.more || null;
  }
  return ids;
}

/** Waits until `check` holds, polling; fails with `what` after `ms`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 20_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Timers a test fires by hand: the engine's backoff schedule without waiting for it. */
export function manualTimers() {
  const due: { at: number; run: () => void; cancelled: boolean }[] = [];
  return {
    timers: {
      set(run: () => void, ms: number) {
        const entry = { at: ms, run, cancelled: false };
        due.push(entry);
        return () => (entry.cancelled = true);
      },
    },
    /** The delay of the newest scheduled run still pending, or null. */
    pendingDelay(): number | null {
      const live = due.filter((entry) => !entry.cancelled);
      return live.at(-1)?.at ?? null;
    },
    /** Runs the pending scheduled runs now, as if their time had come. */
    fire(): void {
      for (const entry of due.splice(0)) if (!entry.cancelled) entry.run();
    },
  };
}
