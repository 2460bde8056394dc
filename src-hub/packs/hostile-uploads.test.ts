// Hostile packs uploaded to the hub get a 400 with located problems, and the hub keeps answering meanwhile.
// Before: the alias bomb was a 500, the 40,000 keys took 37 s (longer than a test may), and /healthz waited.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliasBomb, manyStrayKeys, slowToCheck } from '../../src-packs/testing/hostile-packs';
import { writeTestPack } from '../../src-packs/testing/test-pack';
import { buildPackZip } from '../../src-packs/zip/build';
import {
  basicAuth,
  HUB_START_TIMEOUT,
  makeTestDatabase,
  startTestHub,
  testBackends,
  type TestCredential,
  type TestHub,
} from '../testing/hub';
import { runHubCli, startHubProcess, type RunningHub } from '../testing/process';

const work = mkdtempSync(join(tmpdir(), 'advocate-hub-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function packZip(name: string, overrides: Record<string, string | Buffer>): Promise<Buffer> {
  const folder = join(work, name);
  writeTestPack(folder, overrides);
  await buildPackZip(folder, `${folder}.zip`);
  return readFileSync(`${folder}.zip`);
}

interface Refusal {
  error: string;
  message: string;
  problems: string[];
}

// PGlite alone: what is tested is the hub's own work, not the database's.
describe.each(testBackends.slice(0, 1))('hostile uploads to the hub on %s', (backend) => {
  let hub: TestHub;
  let trainer: TestCredential;
  beforeAll(async () => {
    hub = await startTestHub(backend);
    trainer = await hub.credential('trainer');
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  const upload = (zip: Buffer) =>
    fetch(`${hub.url}/packs`, {
      method: 'POST',
      headers: { authorization: trainer.auth, 'content-type': 'application/zip' },
      body: zip,
    });

  it('answers a YAML alias bomb with a located problem, not a 500', async () => {
    const response = await upload(await packZip('bomb', aliasBomb()));
    expect(response.status).toBe(400);
    const body = (await response.json()) as Refusal;
    expect(body.error).toBe('pack_invalid');
    expect(body.problems).toEqual([
      'pack.yaml:33: lol4.0: aliases (*name) repeat more than 10,000 values in all; write the values out instead',
    ]);
  });

  it('answers 40,000 unknown keys with the first 100 and a count of the rest', async () => {
    const response = await upload(await packZip('keys', manyStrayKeys(40_000)));
    expect(response.status).toBe(400);
    const body = (await response.json()) as Refusal;
    expect(body.message).toBe('The pack has 40,000 problem(s).');
    expect(body.problems).toHaveLength(101);
    expect(body.problems[0]).toBe('pack.yaml:29: stray0: is not a known field; check its spelling');
    expect(body.problems[100]).toBe('and 39,900 more problems');
  });
});

// The hub in a process of its own, as it runs in production: a check on its event loop would stall it alone.
describe('a hub process checking a big pack', () => {
  let hub: RunningHub;
  let auth: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const made = await makeTestDatabase('pglite');
    drop = made.drop;
    const dir = ['--data-dir', (made.target as { dataDir: string }).dataDir];
    const created = await runHubCli([
      'credentials',
      'create',
      '--name',
      'T',
      '--role',
      'trainer',
      '--json',
      ...dir,
    ]);
    const { key, secret } = JSON.parse(created.stdout) as { key: string; secret: string };
    auth = basicAuth(key, secret);
    hub = await startHubProcess(dir);
  }, HUB_START_TIMEOUT);
  afterAll(async () => {
    hub?.child.kill('SIGTERM');
    await hub?.exited;
    await drop?.();
  });

  it('keeps answering /healthz while a pack that takes seconds to check is validated', async () => {
    const zip = await packZip('slow', slowToCheck(8, 20_000));
    let uploading = true;
    const latencies: number[] = [];
    const uploaded = fetch(`${hub.url}/packs`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/zip' },
      body: zip,
    }).finally(() => (uploading = false));
    while (uploading) {
      const started = performance.now();
      expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const response = await uploaded;
    expect(response.status).toBe(400);
    expect(((await response.json()) as Refusal).message).toBe('The pack has 160,000 problem(s).');
    // Checked on the hub's own thread, a /healthz sent during the check waited for all of it (seconds).
    expect(latencies.length).toBeGreaterThan(5);
    expect(Math.max(...latencies)).toBeLessThan(1500);
  }, 120_000);
});
