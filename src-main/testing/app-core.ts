import { afterEach } from 'vitest';
import { startAppCore, type AppCore, type AppCoreOptions } from '../core/app';
import { createMemoryLogger } from '../core/logger';
import { shippedMigrationsDir } from './temp-dir';

export type TestCoreOptions = Pick<AppCoreOptions, 'bundledPacksDir' | 'now' | 'sync' | 'platform'>;
export type TestCore = AppCore & { logger: ReturnType<typeof createMemoryLogger> };

/** The real app core (real SQLite file, real handlers) in a temporary data folder. */
export async function startTestCore(dataDir: string, options: TestCoreOptions = {}): Promise<TestCore> {
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

/**
 * `startTestCore` for tests whose cores are closed after each test, even one that fails, so a failure
 * leaks no database handle. Call it after `useTempDirs()`: hooks run in reverse, so the cores close
 * before their folders are removed. A test may still close a core itself (to restart on the same folder).
 */
export function useTestCores(): (dataDir: string, options?: TestCoreOptions) => Promise<TestCore> {
  const open = new Set<TestCore>();
  afterEach(() => {
    for (const core of open) core.close();
    open.clear();
  });
  return async (dataDir, options) => {
    const started = await startTestCore(dataDir, options);
    const core: TestCore = {
      ...started,
      close: () => {
        if (open.delete(core)) started.close();
      },
    };
    open.add(core);
    return core;
  };
}
