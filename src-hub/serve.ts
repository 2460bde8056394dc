import type { AddressInfo } from 'node:net';
import type { HubConfig } from './config';
import { openHubDb } from './db/open';
import { buildHub } from './server';

/**
 * Starts the hub and stops it cleanly on SIGINT or SIGTERM: stop accepting connections, let requests in flight
 * finish, then close the database. A second signal exits at once.
 */
export async function serveHub(config: HubConfig): Promise<void> {
  const database = await openHubDb(config.database);
  const app = buildHub({
    database,
    logger: { level: process.env['HUB_LOG_LEVEL'] ?? 'info' },
    trustProxy: config.trustProxy,
    corsOrigins: config.corsOrigins,
    publicUrl: config.publicUrl,
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      app.log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    app.log.info({ signal }, 'stopping: finishing requests in flight');
    app
      .close()
      .then(() => database.close())
      .then(
        () => {
          app.log.info('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          app.log.error({ err: error }, 'failed to stop cleanly');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await database.close();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  const publicUrl =
    config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/`;
  const dashboard = new URL('dashboard', publicUrl).toString();
  app.log.info({ database: database.kind, dashboard }, `hub ready: trainers sign in at ${dashboard}`);
  // JSON lines are for log collectors; a person who started the hub in a terminal gets the address in words.
  if (process.stdout.isTTY) {
    process.stdout.write(
      `\nAdvocate hub is running (${database.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}).\n` +
        `  Trainer dashboard: ${dashboard}\n` +
        `  Learners connect to: ${publicUrl}\n` +
        `  Make an enrolment code and invitation: npm run hub -- enrolment create --email PERSON@COMPANY\n\n`,
    );
  }
}
