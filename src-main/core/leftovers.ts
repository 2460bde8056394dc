import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseHandle } from '../db/open';
import { packs } from '../db/schema';
import { PACKS_DIR } from '../packs/install';
import type { Logger } from './logger';
import { UPLOADS_DIR } from './paths';

/** Old enough that no import still running in another window of the app can own it. */
export const LEFTOVER_AGE_MS = 24 * 3_600_000;

interface SweepDeps {
  dataDir: string;
  database: DatabaseHandle;
  logger: Logger;
  now: () => Date;
}

/**
 * What a crash or a kill mid-import leaves behind: pack staging folders, pack versions no pack row points to,
 * and uploaded files never imported. Removed at start once older than a day; each removal is logged.
 */
export function sweepLeftovers(deps: SweepDeps): string[] {
  const cutoff = deps.now().getTime() - LEFTOVER_AGE_MS;
  const old = (path: string) => statSync(path).mtimeMs < cutoff;
  const removed = [
    ...packLeftovers(deps).filter(old),
    ...entries(join(deps.dataDir, UPLOADS_DIR)).filter(old),
  ];
  for (const path of removed) {
    rmSync(path, { recursive: true, force: true });
    deps.logger.info(`removed ${path}, left over from an import that did not finish`);
  }
  return removed;
}

/** Staging folders, and pack or version folders that no installed pack uses. */
function packLeftovers(deps: SweepDeps): string[] {
  const root = join(deps.dataDir, PACKS_DIR);
  const inUse = new Set(
    deps.database.db
      .select({ folder: packs.folder })
      .from(packs)
      .all()
      .map((row) => join(deps.dataDir, row.folder)),
  );
  const found: string[] = [];
  for (const packDir of entries(root)) {
    if (packDir.slice(root.length + 1).startsWith('.staging-')) {
      found.push(packDir);
      continue;
    }
    const versions = entries(packDir);
    const used = versions.filter((version) => inUse.has(version));
    if (used.length === 0) found.push(packDir);
    else found.push(...versions.filter((version) => !inUse.has(version)));
  }
  return found;
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir).map((name) => join(dir, name));
  } catch {
    return [];
  }
}
