// The browser host, in a process of its own as people run it, keeps answering while it checks a big pack:
// the check runs in a worker. Before, a /api call made meanwhile waited for the whole check (seconds here,
// ten minutes for a 30 MB pack of stray keys).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../../src-shared/api/errors';
import type { ImportStatus } from '../../src-shared/packs/imports';
import { slowToCheck } from '../../src-packs/testing/hostile-packs';
import { writeTestPack } from '../../src-packs/testing/test-pack';
import { buildPackZip } from '../../src-packs/zip/build';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const projectRoot = join(import.meta.dirname, '..', '..');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

/** `node --import tsx src-main/host/main.ts`, waiting for the address it prints. */
async function startSourceHost(dataDir: string): Promise<{ origin: string; secret: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src-main/host/main.ts', '--data-dir', dataDir, '--port', '0'],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let output = '';
  const url = await new Promise<URL>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (match?.[1]) resolve(new URL(match[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the host exited (${String(code)}):\n${output}`)));
  });
  return { origin: url.origin, secret: url.hash.replace('#token=', '') };
}

describe('the browser host importing a pack that takes seconds to check', () => {
  it('answers other calls meanwhile, shows the checking progress, and lists the first problems', async () => {
    const folder = tempDir();
    writeTestPack(folder, slowToCheck(8, 20_000));
    const zip = join(tempDir(), 'slow.zip');
    await buildPackZip(folder, zip);
    const host = await startSourceHost(tempDir());
    const headers = { authorization: `Bearer ${host.secret}` };
    const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
      const response = await fetch(`${host.origin}/api/${name}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const result = (await response.json()) as { ok: boolean; value: T; error: ApiError };
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      return result.value;
    };
    const uploaded = await fetch(`${host.origin}/upload?name=slow.zip`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/zip' },
      body: readFileSync(zip),
    });
    const { uploadId } = ((await uploaded.json()) as { value: { uploadId: string } }).value;
    const { jobId } = await call<{ jobId: string }>('startPackImport', { uploadId });

    const latencies: number[] = [];
    const phases = new Set<string>();
    let status: ImportStatus = await call<ImportStatus>('getPackImport', { jobId });
    while (status.state === 'running') {
      phases.add(status.phase);
      const started = performance.now();
      await call('listPacks');
      latencies.push(performance.now() - started);
      status = await call<ImportStatus>('getPackImport', { jobId });
    }

    expect(status.state).toBe('failed');
    const error = status.state === 'failed' ? status.error : null;
    expect(error?.code).toBe('PACK_INVALID');
    expect(error?.message).toMatch(/^The pack has 160,000 problems\. The first: heavy\/0\.md:3: field0: /);
    const problems = (error?.details as { problems: string[] }).problems;
    expect(problems).toHaveLength(101);
    expect(problems[100]).toBe('and 159,900 more problems');
    expect(phases).toContain('checking');
    // On the host's own thread, a call made during the check waited for all of it (seconds).
    expect(latencies.length).toBeGreaterThan(5);
    expect(Math.max(...latencies)).toBeLessThan(1500);
  }, 120_000);
});
