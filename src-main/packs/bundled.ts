import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compareSemver } from '../../src-shared/packs/semver';
import type { Logger } from '../core/logger';
import { installedVersion, installPackFolder, peekPackVersion, type PackStoreDeps } from './install';

/**
 * Installs the packs shipped in resources/packs that are missing or older than the shipped copy. Only
 * the manifest's version is read at start-up, so an up-to-date install costs one small file read.
 * A shipped pack that fails to install is logged and skipped: the app still starts.
 */
export async function installBundledPacks(
  deps: PackStoreDeps,
  bundledDir: string,
  logger: Logger,
): Promise<void> {
  if (!existsSync(bundledDir)) return;
  for (const name of readdirSync(bundledDir).sort()) {
    const folder = join(bundledDir, name);
    if (!statSync(folder).isDirectory()) continue;
    const shipped = peekPackVersion(folder);
    if (!shipped) {
      logger.error(`bundled pack ${folder} has no readable pack.yaml; skipped`);
      continue;
    }
    const installed = installedVersion(deps, shipped.id);
    if (installed !== null && compareSemver(shipped.version, installed) <= 0) continue;
    try {
      const result = await installPackFolder(deps, folder, 'bundled');
      logger.info(`installed the bundled pack ${result.id} ${result.version}`);
    } catch (error) {
      logger.error(`could not install the bundled pack ${folder}`, error);
    }
  }
}
