import { join } from 'node:path';
import type { CallResult } from '../../src-shared/api/errors';
import { writeTestPack } from '../../src-packs/testing/test-pack';
import { useTestCores } from './app-core';

/**
 * The app core for writing-studio tests: the test pack installed (its exercise has a template; `packFiles`
 * overrides its files), a clock the test moves on with `advance`, and `call` that throws on a failed call.
 * Cores close after each test.
 */
export function useDraftsCore(tempDir: () => string) {
  const startCore = useTestCores();
  return async function setUp(dataDir = tempDir(), packFiles: Record<string, string | Buffer | null> = {}) {
    const bundled = tempDir();
    writeTestPack(join(bundled, 'test-pack'), packFiles);
    let clock = new Date('2026-11-25T09:00:00Z').getTime();
    const core = await startCore(dataDir, { bundledPacksDir: bundled, now: () => new Date(clock) });
    const call = async <T>(name: string, input: unknown): Promise<T> => {
      const result: CallResult<unknown> = await core.dispatch(name, input);
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      return result.value as T;
    };
    const advance = (ms: number) => {
      clock += ms;
    };
    return { core, call, advance, dataDir };
  };
}
