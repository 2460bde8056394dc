import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACK_LIMITS } from '../../src-shared/packs/limits';
import { parseHostArgs, UsageError } from '../core/args';
import { startAppCore } from '../core/app';
import { createConsoleLogger } from '../core/logger';
import { appFiles, resolveDataDir, UPLOADS_DIR } from '../core/paths';
import { DatabaseOpenError } from '../db/errors';
import { startBrowserHost } from './server';

/** The browser host's entry: `node out/main/host.js [--port N] [--data-dir DIR]`. */
async function main(): Promise<void> {
  const logger = createConsoleLogger();
  const args = parseHostArgs(process.argv.slice(2));
  // Built to out/main/host.js, run from source as src-main/host/main.ts: the project root is two up.
  const files = appFiles(fileURLToPath(new URL('../..', import.meta.url)));
  const version = (JSON.parse(readFileSync(files.packageJson, 'utf8')) as { version: string }).version;
  const dataDir = resolveDataDir(args.dataDir);

  const core = await startAppCore({
    dataDir,
    migrationsDir: files.migrationsDir,
    bundledPacksDir: files.bundledPacksDir,
    host: 'browser',
    version,
    logger,
  });
  const host = await startBrowserHost({
    dispatch: core.dispatch,
    rendererDir: files.rendererDir,
    port: args.port,
    logger,
    uploads: {
      dir: join(dataDir, UPLOADS_DIR),
      maxBytes: PACK_LIMITS.zipBytes,
      register: (file, name) => core.imports.registerUpload({ file, name, temporary: true }),
    },
  });

  process.stdout.write(
    `Advocate Studio is running in the browser host.\n` +
      `  Open: ${host.url}\n` +
      `  Data: ${dataDir}\n` +
      `Press Ctrl-C to stop.\n`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: closing the browser host and the database`);
    void host.close().then(() => {
      core.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof DatabaseOpenError || error instanceof UsageError) {
    process.stderr.write(`Advocate Studio could not start: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `Advocate Studio could not start:\n${error instanceof Error ? (error.stack ?? '') : String(error)}\n`,
  );
  process.exit(1);
});
