import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PackProblem } from './problems';
import { formatBytes } from './zip/errors';

/** "pack.yaml is 2.3 MiB; the limit is 1 MiB": the size and the cap, so the trainer knows how far over it is. */
export function tooLarge(what: string, bytes: number, limit: number): string {
  return `${what} is ${formatBytes(bytes)}; the limit is ${formatBytes(limit)}`;
}

export type PackText = { ok: true; text: string } | { ok: false; problem: PackProblem };

/** A pack file as text, refused by its size on disk before it is read, so an oversized file costs nothing. */
export function readPackText(folder: string, file: string, maxBytes: number, what = file): PackText {
  const path = join(folder, file);
  const bytes = statSync(path).size;
  if (bytes > maxBytes) {
    return {
      ok: false,
      problem: { file, line: 1, field: '(file)', message: tooLarge(what, bytes, maxBytes) },
    };
  }
  return { ok: true, text: readFileSync(path, 'utf8') };
}
