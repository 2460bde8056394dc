import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostPlatform } from '../core/platform';

/** Keeps the sync credentials' secret encrypted at rest. */
export interface SecretSealer {
  seal(plain: string): Promise<string>;
  unseal(sealed: string): Promise<string>;
}

/** The browser host's key: 32 random bytes, readable only by the user who runs the app. */
export const SYNC_KEY_FILE = 'sync-key';

/**
 * Seals with the host's keychain when it has one (Electron's safeStorage), else with AES-256-GCM under a key
 * file in the data folder. Sealed text says which, so a secret sealed by one host opens in the other when it can.
 */
export function createSecretSealer(platform: HostPlatform, dataDir: string): SecretSealer {
  const keyFile = createKeyFileSealer(join(dataDir, SYNC_KEY_FILE));
  return {
    async seal(plain) {
      const sealed = platform.protectSecret ? await platform.protectSecret(plain) : null;
      return sealed === null ? `file:${keyFile.seal(plain)}` : `os:${sealed}`;
    },
    async unseal(sealed) {
      if (sealed.startsWith('file:')) return keyFile.unseal(sealed.slice('file:'.length));
      if (sealed.startsWith('os:') && platform.unprotectSecret)
        return platform.unprotectSecret(sealed.slice('os:'.length));
      throw new Error('this secret was sealed by the desktop app’s keychain, which this host cannot open');
    },
  };
}

/** AES-256-GCM: base64 of a 12-byte nonce, the 16-byte tag, then the ciphertext. */
export function createKeyFileSealer(file: string): {
  seal(plain: string): string;
  unseal(text: string): string;
} {
  let key: Buffer | null = null;
  const load = (): Buffer => (key ??= readOrCreateKey(file));
  return {
    seal(plain) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', load(), nonce);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64');
    },
    unseal(text) {
      const bytes = Buffer.from(text, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', load(), bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

function readOrCreateKey(file: string): Buffer {
  try {
    const existing = readFileSync(file);
    if (existing.length === 32) return existing;
    throw new Error(`${file} is not a 32-byte key`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const made = randomBytes(32);
  // `wx`: of two processes racing to make the key, one fails here and reads the other's.
  try {
    writeFileSync(file, made, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file);
    throw error;
  }
  chmodSync(file, 0o600); // the umask may have narrowed it further, never widened; make it exact
  return made;
}
