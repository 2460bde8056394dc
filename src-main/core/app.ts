import { join } from 'node:path';
import type { HostKind } from '../../src-shared/api/schemas';
import { createDispatch, type Dispatch, type Handlers } from '../api/dispatch';
import { openDatabase, type DatabaseHandle } from '../db/open';
import { installBundledPacks } from '../packs/bundled';
import { packHandlers } from '../packs/handlers';
import { createImportJobs, type ImportJobs } from '../packs/imports';
import { createSettingsService } from '../settings/service';
import { settingsHandlers } from '../settings/handlers';
import { createCatalogue } from '../training/catalogue';
import { trainingHandlers } from '../training/handlers';
import { createProgress } from '../training/progress';
import { loadOrCreateIssuerKey } from '../certificates/signing';
import { createGuidelines } from '../writing/guidelines';
import { writingHandlers } from '../writing/handlers';
import { profileHandlers } from '../profile/handlers';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../sync/engine';
import { syncHandlers } from '../sync/handlers';
import { createSecretSealer } from '../sync/secrets';
import { secureDatabaseFiles, secureDataDir } from './data-dir';
import { sweepLeftovers } from './leftovers';
import type { Logger } from './logger';
import type { HostPlatform } from './platform';
import { DATABASE_FILE_NAME } from './paths';

export interface AppCoreOptions {
  dataDir: string;
  migrationsDir: string;
  /** Packs shipped with the app, installed on first run and upgraded when a newer copy ships. */
  bundledPacksDir?: string;
  host: HostKind;
  /** What this host can do that others cannot (native dialogs); the browser host passes {}. */
  platform?: HostPlatform;
  version: string;
  logger: Logger;
  now?: () => Date;
  /** Tests inject the network, timers and randomness; `autoStart: false` leaves the first run to the caller. */
  sync?: Partial<Pick<SyncEngineOptions, 'fetch' | 'timers' | 'random' | 'intervalMs' | 'batchSize'>> & {
    autoStart?: boolean;
  };
}

export interface AppCore {
  dispatch: Dispatch;
  database: DatabaseHandle;
  /** Where the browser host registers uploaded pack files. */
  imports: ImportJobs;
  sync: SyncEngine;
  close(): void;
}

/**
 * The composition root both hosts share: opens the database, builds each domain's service, and
 * merges their handlers into the one table the transports call.
 */
export async function startAppCore(options: AppCoreOptions): Promise<AppCore> {
  const now = options.now ?? (() => new Date());
  secureDataDir(options.dataDir);
  const database = openDatabase({
    file: join(options.dataDir, DATABASE_FILE_NAME),
    migrationsDir: options.migrationsDir,
    now,
  });
  secureDatabaseFiles(database.file);
  if (database.backupFile)
    options.logger.info(`copied the database to ${database.backupFile} before updating it`);
  sweepLeftovers({ dataDir: options.dataDir, database, logger: options.logger, now });

  const settings = createSettingsService({
    database,
    dataDir: options.dataDir,
    host: options.host,
    version: options.version,
    now,
  });

  const packStore = { database, dataDir: options.dataDir, now };
  if (options.bundledPacksDir) await installBundledPacks(packStore, options.bundledPacksDir, options.logger);
  const catalogue = createCatalogue({ database, dataDir: options.dataDir });
  const imports = createImportJobs(packStore, options.logger);

  const issuerKey = lazy(() => loadOrCreateIssuerKey(options.dataDir));
  const progress = createProgress({ database, now, issuerKey });

  const guidelines = createGuidelines({ database, now });

  const sealer = createSecretSealer(options.platform ?? {}, options.dataDir);
  const fetchFn = options.sync?.fetch ?? fetch;
  const sync = createSyncEngine({
    ...options.sync,
    database,
    now,
    fetch: fetchFn,
    sealer,
    logger: options.logger,
    packs: packStore,
    // Built by the profile's own handler (company-visible fields only); `handlers` exists by the first run.
    companyProfile: () => handlers.getCompanyProfileRecord({}),
  });

  const handlers: Handlers = {
    ...settingsHandlers(settings, database, now),
    ...packHandlers(packStore, catalogue, imports, options.platform ?? {}),
    ...trainingHandlers(catalogue, progress, database, options.platform ?? {}, {
      issuerKey,
      now,
      requestSync: () => sync.requestSync(),
    }),
    ...writingHandlers({ database, now, progress, guidelines }),
    ...profileHandlers({ database, now, platform: options.platform ?? {} }),
    ...syncHandlers(sync, {
      db: database.db,
      now,
      fetch: fetchFn,
      sealer,
      platform: options.platform ?? {},
      logger: options.logger,
    }),
  };
  if (options.sync?.autoStart !== false) sync.start();

  return {
    dispatch: createDispatch(handlers, options.logger),
    database,
    imports,
    sync,
    close: () => {
      sync.close();
      database.close();
    },
  };
}

/** Computes a value on first use and keeps it (the issuer key is read only when a course is completed). */
function lazy<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}
