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
  app.log.info({ database: database.kind }, 'hub ready');
}
