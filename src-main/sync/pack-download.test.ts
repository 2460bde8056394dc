import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/temp-dir';
import { downloadPack, PackDownloadTooLarge } from './http';

const tempDir = useTempDirs();
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A hub stand-in on loopback that sends `bytes` bytes, declaring their length or not. */
async function serving(bytes: number, declare: boolean): Promise<URL> {
  const server = createServer((_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/zip',
      ...(declare ? { 'content-length': String(bytes) } : {}),
    });
    for (let sent = 0; sent < bytes; sent += 1024) response.write(Buffer.alloc(Math.min(1024, bytes - sent)));
    response.end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/packs/p/1.0.0.zip`);
}

const download = (url: URL, file: string) =>
  downloadPack(fetch, url, 'Basic x', null, file, () => undefined, undefined, 4096);

describe('downloading a pack from the hub', () => {
  it('keeps a pack within the limit', async () => {
    const file = join(tempDir(), 'pack.zip');
    await download(await serving(4096, true), file);
    expect(readFileSync(file).length).toBe(4096);
  });

  it('refuses a pack whose declared size is over the limit before reading it', async () => {
    const file = join(tempDir(), 'pack.zip');
    const refused = download(await serving(10_000, true), file);
    await expect(refused).rejects.toThrow(PackDownloadTooLarge);
    await expect(refused).rejects.toThrow('The pack is 9.8 KiB; the app takes packs of at most 4 KiB.');
    expect(existsSync(file)).toBe(false);
  });

  it('stops a pack that declares no size once its bytes pass the limit', async () => {
    const refused = download(await serving(1024 * 1024, false), join(tempDir(), 'pack.zip'));
    await expect(refused).rejects.toThrow('The pack is larger than 4 KiB, the most the app takes.');
  });
});
