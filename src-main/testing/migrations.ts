import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shippedMigrationsDir } from './temp-dir';

/** A copy of the shipped migrations as they were before `tag`: its SQL file, the later ones and their journal entries left out. */
export function migrationsBefore(tag: string, tempDir: () => string): string {
  const dir = join(tempDir(), 'migrations');
  cpSync(shippedMigrationsDir, dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((entry) => entry.tag === tag);
  if (at < 1) throw new Error(`No migration ${tag} after the first one.`);
  for (const entry of journal.entries.slice(at)) rmSync(join(dir, `${entry.tag}.sql`));
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalFile, JSON.stringify(journal, null, 2));
  return dir;
}
