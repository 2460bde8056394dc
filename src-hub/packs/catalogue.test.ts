import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLatestPacks, previewPack } from './catalogue';
import { writeTestPack } from '../../src-packs/testing/test-pack';
import { buildPackZip } from '../../src-packs/zip/build';
import {
  HUB_START_TIMEOUT,
  startTestHub,
  testBackends,
  type TestCredential,
  type TestHub,
} from '../testing/hub';

const work = mkdtempSync(join(tmpdir(), 'advocate-hub-packs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function packZip(
  name: string,
  overrides: Record<string, string | Buffer | null> = {},
): Promise<Buffer> {
  const folder = join(work, name);
  writeTestPack(folder, overrides);
  await buildPackZip(folder, `${folder}.zip`);
  return readFileSync(`${folder}.zip`);
}

const manifestWithVersion = (version: string) =>
  readFileSync(join(work, 'v1', 'pack.yaml'), 'utf8').replace(/^version: .*$/m, `version: ${version}`);

describe.each(testBackends)('the pack catalogue on %s', (backend) => {
  let hub: TestHub;
  let trainer: TestCredential;
  let device: TestCredential;
  beforeAll(async () => {
    hub = await startTestHub(backend);
    trainer = await hub.credential('trainer');
    device = await hub.enrolDevice('packs@example.com');
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  const upload = (auth: string, zip: Buffer | string, type = 'application/zip') =>
    fetch(`${hub.url}/packs`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': type },
      body: zip,
    });
  const get = (path: string, auth: string, headers: Record<string, string> = {}) =>
    fetch(`${hub.url}${path}`, { headers: { authorization: auth, ...headers } });

  it("publishes a trainer's pack; devices list the latest version and download it once", async () => {
    const v1 = await packZip('v1');
    const first = await upload(trainer.auth, v1);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({
      id: 'test-pack',
      version: '1.2.0',
      url: '/packs/test-pack/1.2.0.zip',
    });
    expect((await upload(trainer.auth, v1)).status).toBe(200);
    const v2 = await packZip('v2', { 'pack.yaml': manifestWithVersion('1.10.0') });
    expect((await upload(trainer.auth, v2)).status).toBe(201);

    const listed = (await (await get('/packs', device.auth)).json()) as {
      packs: { version: string; url: string; sha256: string }[];
    };
    expect(listed.packs.map((p) => p.version)).toEqual(['1.10.0']);
    const [latest] = listed.packs;
    const download = await get(latest?.url ?? '', device.auth);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(v2);
    const etag = download.headers.get('etag') ?? '';
    expect(etag).toBe(`"${latest?.sha256}"`);
    const again = await get(latest?.url ?? '', device.auth, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect((await get('/packs/test-pack/9.9.9.zip', device.auth)).status).toBe(404);
    expect((await get('/packs/..%2Fetc/1.0.0.zip', device.auth)).status).toBe(400);
  });

  it("refuses a bad pack with the validator's file:line problems, and a changed published version", async () => {
    const broken = await packZip('broken', {
      'pack.yaml': manifestWithVersion('2.0.0').replace('title: Test pack', 'title: 42\nsurprise: yes'),
    });
    const response = await upload(trainer.auth, broken);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; problems: string[] };
    expect(body.error).toBe('pack_invalid');
    expect(body.problems.length).toBeGreaterThan(0);
    expect(body.problems[0]).toMatch(/^pack\.yaml:\d+: \S+: /);

    const changed = await packZip('changed', {
      'first/hello.md': '---\ntitle: Hello again\n---\nNew words.\n',
    });
    const conflict = await upload(trainer.auth, changed);
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { message: string }).message).toMatch(/raise the version/);

    const notZip = await upload(trainer.auth, Buffer.from('not a zip at all'));
    expect(notZip.status).toBe(400);
    expect(((await notZip.json()) as { error: string }).error).toBe('pack_zip');
    expect((await upload(trainer.auth, 'x', 'text/plain')).status).toBe(415);
  });

  it('previews what publishing would do, writing nothing', async () => {
    const before = await listLatestPacks(hub.database.db);
    const next = await packZip('preview-next', { 'pack.yaml': manifestWithVersion('1.11.0') });
    const preview = await previewPack(hub.database.db, next);
    expect(preview).toMatchObject({
      id: 'test-pack',
      version: '1.11.0',
      publish: 'new',
      latestPublished: '1.10.0',
      olderThanLatest: false,
    });
    expect(preview.courses[0]?.items).toBeGreaterThan(0);
    expect(await listLatestPacks(hub.database.db)).toEqual(before);
    const older = await packZip('preview-older', { 'pack.yaml': manifestWithVersion('1.3.0') });
    expect(await previewPack(hub.database.db, older)).toMatchObject({
      publish: 'new',
      olderThanLatest: true,
    });
    expect((await previewPack(hub.database.db, await packZip('v1'))).publish).toBe('already-published');
    const changed = await packZip('preview-changed', { 'first/hello.md': '---\ntitle: Hi\n---\nOther.\n' });
    expect((await previewPack(hub.database.db, changed)).publish).toBe('version-taken');
    const broken = await packZip('preview-broken', { 'pack.yaml': 'id: x\n' });
    await expect(previewPack(hub.database.db, broken)).rejects.toMatchObject({ code: 'pack_invalid' });
  });

  it('lets only trainers publish', async () => {
    const zip = await packZip('device-try');
    const response = await upload(device.auth, zip);
    expect(response.status).toBe(403);
  });
});
