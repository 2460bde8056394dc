import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/temp-dir';
import { createSecretSealer, SYNC_KEY_FILE } from './secrets';

const tempDir = useTempDirs();

describe('secret sealing', () => {
  it('seals with a key file only the user can read, and opens again in a new process', async () => {
    const dir = { path: tempDir() };
    const sealed = await createSecretSealer({}, dir.path).seal('s3cret');
    expect(sealed).toMatch(/^file:/);
    expect(sealed).not.toContain('s3cret');
    expect(statSync(join(dir.path, SYNC_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(await createSecretSealer({}, dir.path).unseal(sealed)).toBe('s3cret');
  });

  it('refuses a sealed secret that was tampered with', async () => {
    const dir = { path: tempDir() };
    const sealer = createSecretSealer({}, dir.path);
    const sealed = await sealer.seal('s3cret');
    const bytes = Buffer.from(sealed.slice(5), 'base64');
    bytes.writeUInt8((bytes.at(-1) ?? 0) ^ 1, bytes.length - 1);
    await expect(sealer.unseal(`file:${bytes.toString('base64')}`)).rejects.toThrow();
  });

  it("uses the host's keychain when it has one", async () => {
    const dir = { path: tempDir() };
    const sealer = createSecretSealer(
      {
        protectSecret: async (plain) => Buffer.from(plain).reverse().toString('base64'),
        unprotectSecret: async (sealed) => Buffer.from(sealed, 'base64').reverse().toString(),
      },
      dir.path,
    );
    const sealed = await sealer.seal('abc');
    expect(sealed).toMatch(/^os:/);
    expect(await sealer.unseal(sealed)).toBe('abc');
  });
});
