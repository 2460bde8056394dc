import { randomUUID } from 'node:crypto';
import { hashSecret, randomToken } from '../auth/secrets';
import { credentials, learners } from '../db/schema/index';
import type { HubDb } from '../db/open';
import { basicAuth } from './hub';
import { appStatement } from './statements';

export interface SimulatedDevice {
  learnerId: string;
  auth: string;
}

/**
 * Many enrolled devices at once, written straight to the database (enrolling 1,000 through POST /enrol would
 * measure scrypt, not ingest). They share one secret, so one hash; each key still pays one scrypt check on its
 * first request, as a real device does.
 */
export async function seedDevices(db: HubDb, count: number): Promise<SimulatedDevice[]> {
  const secret = randomToken(24);
  const secretHash = await hashSecret(secret);
  const now = new Date();
  const devices = Array.from({ length: count }, () => ({
    learnerId: `sim-${randomUUID()}`,
    key: `ak_${randomToken(12)}`,
  }));
  for (let i = 0; i < devices.length; i += 500) {
    const slice = devices.slice(i, i + 500);
    await db.transaction(async (tx) => {
      await tx.insert(learners).values(
        slice.map((d) => ({
          id: d.learnerId,
          name: d.learnerId,
          email: `${d.learnerId}@sim.example`,
          createdAt: now,
        })),
      );
      await tx.insert(credentials).values(
        slice.map((d) => ({
          key: d.key,
          name: d.learnerId,
          role: 'device' as const,
          secretHash,
          learnerId: d.learnerId,
          createdAt: now,
        })),
      );
    });
  }
  return devices.map((d) => ({ learnerId: d.learnerId, auth: basicAuth(d.key, secret) }));
}

/**
 * fetch, tried again after a jittered pause when the connection itself fails (a full accept queue resets
 * some of a thousand simultaneous connections), as the app's sync does. HTTP errors are not retried.
 */
export async function fetchRetrying(url: string, init: RequestInit, attempts = 6): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 200 * 2 ** attempt));
    }
  }
}

/** A busy hub's answers, which the app's sync tries again later (it retries all but 400, 401, 403, 409 and 413). */
const BUSY = new Set([408, 429, 503]);

/**
 * POSTs one batch to /xapi/statements; throws unless the hub answered 200 with exactly these ids. A busy answer
 * (a 408 when a thousand bodies arrive at once on two cores) is tried again after a jittered pause, as the app's
 * sync does: the ids make the retry safe.
 */
export async function postBatch(
  url: string,
  auth: string,
  batch: { id: string }[],
  attempts = 6,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetchRetrying(`${url}/xapi/statements`, {
      method: 'POST',
      headers: {
        authorization: auth,
        'content-type': 'application/json',
        'x-experience-api-version': '2.0.0',
      },
      body: JSON.stringify(batch),
    });
    const body = await response.text();
    if (BUSY.has(response.status) && attempt < attempts) {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 200 * 2 ** attempt));
      continue;
    }
    if (response.status !== 200) throw new Error(`POST /xapi/statements: ${response.status} ${body}`);
    const ids = JSON.parse(body) as string[];
    if (ids.length !== batch.length || ids.some((id, i) => id !== batch[i]?.id))
      throw new Error('the hub answered with other ids than it was sent');
    return;
  }
}

/**
 * Every device sends `perDevice` statements in batches of `batchSize`, all devices at once, and then sends its
 * first batch again, as a device does whose acknowledgement was lost. Returns every statement id sent.
 */
export async function sendFromAllDevices(
  url: string,
  devices: SimulatedDevice[],
  perDevice: number,
  batchSize: number,
): Promise<{ ids: string[]; elapsedMs: number }> {
  const ids: string[] = [];
  const start = process.hrtime.bigint();
  await Promise.all(
    devices.map(async (device, d) => {
      const statements = Array.from({ length: perDevice }, (_, i) =>
        appStatement(device.learnerId, { item: `item-${d}-${i}` }),
      );
      ids.push(...statements.map((s) => s.id));
      for (let i = 0; i < statements.length; i += batchSize) {
        await postBatch(url, device.auth, statements.slice(i, i + batchSize));
      }
      await postBatch(url, device.auth, statements.slice(0, batchSize));
    }),
  );
  return { ids, elapsedMs: Number(process.hrtime.bigint() - start) / 1e6 };
}
