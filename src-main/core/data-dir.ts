import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The data folder holds drafts, reflections, the profile and the sync secret: only its owner may enter it.
 * Run at every start, so an install made before this rule is brought in line too. Windows has no such modes.
 */
export function secureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  chmodSync(dataDir, 0o700);
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    if (entry.isDirectory()) chmodSync(join(dataDir, entry.name), 0o700);
    else if (entry.isFile()) chmodSync(join(dataDir, entry.name), 0o600);
  }
}

/**
 * SQLite creates the -wal and -shm files with the database file's mode; a database created just now has the
 * process's default (often 0644), so all three are narrowed once open.
 */
export function secureDatabaseFiles(file: string): void {
  if (process.platform === 'win32') return;
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}
