import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What `new Worker` needs to start the pack checker: a file, or (from TypeScript sources) code that loads one. */
export interface WorkerScript {
  file: string;
  eval: boolean;
}

const WORKER_NAME = 'pack-check-worker';

/**
 * Finds the pack checker's worker script. Built, it is `out/main/pack-check-worker.js` (an entry of its own in
 * electron.vite.config.ts), beside the entry or one folder up from a shared chunk. From sources (tsx, vitest,
 * the hub) it is the .ts file, loaded through tsx's API, since a worker does not inherit the parent's loader.
 */
export function packWorkerScript(): WorkerScript {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const source = pathToFileURL(join(dirname(here), `${WORKER_NAME}.ts`)).href;
    const tsx = pathToFileURL(tsxEsmApi()).href;
    const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`;
    return { file: boot, eval: true };
  }
  for (const folder of [dirname(here), join(dirname(here), '..')]) {
    const file = join(folder, `${WORKER_NAME}.js`);
    if (existsSync(file)) return { file, eval: false };
  }
  throw new Error(`The pack checker ${WORKER_NAME}.js is missing beside ${here}: rebuild the app.`);
}

/** tsx's ESM API file, as its package's exports name it (its CommonJS twin cannot be imported from a worker). */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import?: { default?: string } }>;
  };
  const entry = exports['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs';
  return join(dirname(manifest), entry);
}
