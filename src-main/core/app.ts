import { join } from 'node:path';
import type { HostKind } from '../../src-shared/api/schemas';
import { createDispatch, type Dispatch, type Handlers } from '../api/dispatch';
import { openDatabase, type DatabaseHandle } from '../db/open';
import { createSettingsService } from '../settings/service';
import { settingsHandlers } from '../settings/handlers';
import type { Logger } from './logger';
import { DATABASE_FILE_NAME } from './paths';

export interface AppCoreOptions {
  dataDir: string;
  migrationsDir: string;
  host: HostKind;
  version: string;
  logger: Logger;
  now?: () => Date;
}

export interface AppCore {
  dispatch: Dispatch;
  database: DatabaseHandle;
  close(): void;
}

/**
 * The composition root both hosts share: opens the database, builds each domain's service, and
 * merges their handlers into the one table the transports call.
 */
export function startAppCore(options: AppCoreOptions): AppCore {
  const now = options.now ?? (() => new Date());
  const database = openDatabase({
    file: join(options.dataDir, DATABASE_FILE_NAME),
    migrationsDir: options.migrationsDir,
    now,
  });
  if (database.backupFile)
    options.logger.info(`copied the database to ${database.backupFile} before updating it`);

  const settings = createSettingsService({
    database,
    dataDir: options.dataDir,
    host: options.host,
    version: options.version,
    now,
  });

  const handlers: Handlers = {
    ...settingsHandlers(settings),
  };

  return {
    dispatch: createDispatch(handlers, options.logger),
    database,
    close: () => database.close(),
  };
}
