import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { PACK_LIMITS } from '../../src-shared/packs/limits';
import { compareSemver } from '../../src-shared/packs/semver';
import type { PackEntry } from '../../src-shared/hub/schemas';
import type { DeliveryEnd } from '../../src-shared/sync/deliver';
import type { Logger } from '../core/logger';
import type { AppDatabase } from '../db/open';
import { syncPackPulls } from '../db/schema';
import { installedVersion, installPackZip, type PackStoreDeps } from '../packs/install';
import { formatBytes } from '../../src-packs/zip/errors';
import {
  downloadPack,
  HubHttpError,
  listHubPacks,
  networkReason,
  PackDownloadTooLarge,
  type Fetch,
} from './http';

export interface PackPullProgress {
  id: string;
  version: string;
  title: string;
  phase: 'downloading' | 'extracting' | 'checking' | 'installing';
  done: number;
  total: number;
}

export interface PackPullDeps {
  packs: PackStoreDeps;
  fetch: Fetch;
  hubUrl: string;
  authorization: string;
  now: () => Date;
  logger: Logger;
  signal: AbortSignal;
  isClosed(): boolean;
  onProgress(progress: PackPullProgress | null): void;
}

/**
 * Installs the hub's packs this device has not pulled yet when they are newer than what is installed (each
 * version once: a pack the learner removed stays removed until the hub has a newer one). Installs go through
 * installPackZip, so they are atomic and keep the learner's progress.
 */
export async function pullHubPacks(deps: PackPullDeps): Promise<DeliveryEnd> {
  const db = deps.packs.database.db;
  let listed;
  try {
    listed = await listHubPacks(deps.fetch, deps.hubUrl, deps.authorization, deps.signal);
  } catch (error) {
    return failure(error);
  }
  for (const pack of listed) {
    if (deps.isClosed()) break;
    const installed = installedVersion(deps.packs, pack.id);
    if (installed && compareSemver(installed, pack.version) >= 0) continue;
    const pulled = db
      .select()
      .from(syncPackPulls)
      .where(and(eq(syncPackPulls.packId, pack.id), eq(syncPackPulls.version, pack.version)))
      .get();
    if (pulled) continue;
    const lastEtag =
      db
        .select({ etag: syncPackPulls.etag })
        .from(syncPackPulls)
        .where(eq(syncPackPulls.packId, pack.id))
        .orderBy(desc(syncPackPulls.pulledAt))
        .get()?.etag ?? null;
    const dir = join(deps.packs.dataDir, 'downloads');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${randomUUID()}.zip`);
    const report = (phase: PackPullProgress['phase'], done: number, total: number) =>
      deps.onProgress({ id: pack.id, version: pack.version, title: pack.title, phase, done, total });
    try {
      const download = await downloadWithinLimit(deps, pack, lastEtag, file, report);
      if (deps.isClosed()) break;
      let error: string | null = download.refused;
      if (!download.notModified && error === null) {
        try {
          await installPackZip(deps.packs, file, 'hub', report);
          deps.logger.info(`sync: installed ${pack.id} ${pack.version} from the hub`);
        } catch (installError) {
          error = installError instanceof Error ? installError.message : String(installError);
        }
      }
      if (error !== null)
        deps.logger.info(`sync: ${pack.id} ${pack.version} from the hub did not install: ${error}`);
      db.insert(syncPackPulls)
        .values({
          packId: pack.id,
          version: pack.version,
          etag: download.notModified ? lastEtag : download.etag,
          pulledAt: deps.now(),
          error,
        })
        .onConflictDoNothing()
        .run();
    } catch (error) {
      return failure(error);
    } finally {
      rmSync(file, { force: true });
      deps.onProgress(null);
    }
  }
  return { kind: 'done' };
}

type Download =
  { notModified: true; refused: null } | { notModified: false; etag: string | null; refused: string | null };

/** A pack larger than the app takes is refused before (by its listed size) or while it downloads. */
async function downloadWithinLimit(
  deps: PackPullDeps,
  pack: PackEntry,
  lastEtag: string | null,
  file: string,
  report: (phase: PackPullProgress['phase'], done: number, total: number) => void,
): Promise<Download> {
  const limit = `the app takes packs of at most ${formatBytes(PACK_LIMITS.zipBytes)}`;
  if (pack.size > PACK_LIMITS.zipBytes) {
    return { notModified: false, etag: null, refused: `The pack is ${formatBytes(pack.size)}; ${limit}.` };
  }
  try {
    const download = await downloadPack(
      deps.fetch,
      new URL(pack.url.slice(1), deps.hubUrl),
      deps.authorization,
      lastEtag,
      file,
      (done, total) => report('downloading', done, total || pack.size),
      deps.signal,
    );
    return { ...download, refused: null };
  } catch (error) {
    if (error instanceof PackDownloadTooLarge)
      return { notModified: false, etag: null, refused: error.message };
    throw error;
  }
}

function failure(error: unknown): Exclude<DeliveryEnd, { kind: 'done' }> {
  if (error instanceof HubHttpError) {
    if (error.status === 401 || error.status === 403)
      return { kind: 'stop', status: error.status, message: error.message };
    return { kind: 'retry', reason: error.message, status: error.status, retryAfterMs: null };
  }
  return { kind: 'retry', reason: networkReason(error), status: null, retryAfterMs: null };
}

/** Pulled pack versions that did not install, newest first. */
export function packFailures(db: AppDatabase): { id: string; version: string; error: string }[] {
  return db
    .select({ id: syncPackPulls.packId, version: syncPackPulls.version, error: syncPackPulls.error })
    .from(syncPackPulls)
    .where(isNotNull(syncPackPulls.error))
    .orderBy(desc(syncPackPulls.pulledAt))
    .limit(10)
    .all()
    .map((row) => ({ id: row.id, version: row.version, error: row.error ?? '' }));
}
