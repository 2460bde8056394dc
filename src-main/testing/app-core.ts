import { startAppCore, type AppCore, type AppCoreOptions } from '../core/app';
import { createMemoryLogger } from '../core/logger';
import { shippedMigrationsDir } from './temp-dir';

/** The real app core (real SQLite file, real handlers) in a temporary data folder. */
export async function startTestCore(
  dataDir: string,
  options: Pick<AppCoreOptions, 'bundledPacksDir' | 'now' | 'sync' | 'platform'> = {},
): Promise<AppCore & { logger: ReturnType<typeof createMemoryLogger> }> {
  const logger = createMemoryLogger();
  const core = await startAppCore({
    now: () => new Date('2026-11-25T12:00:00Z'),
    ...options,
    dataDir,
    migrationsDir: shippedMigrationsDir,
    host: 'browser',
    version: '9.8.7',
    logger,
  });
  return { ...core, logger };
}
