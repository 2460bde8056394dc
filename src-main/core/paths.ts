import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const PRODUCT_NAME = 'Advocate Studio';
export const DATABASE_FILE_NAME = 'advocate.db';
/** Where the browser host keeps pack files uploaded for import, inside the data folder. */
export const UPLOADS_DIR = 'uploads';

/**
 * The same folder Electron uses for `app.getPath('userData')`, so the browser host and the desktop app
 * share one database on a machine.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), PRODUCT_NAME);
}

/** `--data-dir` wins over `ADVOCATE_DATA_DIR`, which wins over the per-user default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env['ADVOCATE_DATA_DIR'];
  return chosen !== undefined && chosen !== '' ? resolve(chosen) : defaultDataDir();
}

export interface AppFiles {
  /** drizzle-kit's migrations, read at start-up. */
  migrationsDir: string;
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  /** Course packs shipped with the app (resources/packs). */
  bundledPacksDir: string;
  packageJson: string;
}

/**
 * Where the files the app reads at run time live. In development and in the browser host they sit in
 * the project; a packaged Electron app carries the migrations in its resources folder.
 */
export function appFiles(appRoot: string, packagedResources?: string): AppFiles {
  return {
    migrationsDir: packagedResources
      ? join(packagedResources, 'migrations')
      : join(appRoot, 'src-main', 'db', 'migrations'),
    rendererDir: join(appRoot, 'out', 'renderer'),
    bundledPacksDir: packagedResources
      ? join(packagedResources, 'packs')
      : join(appRoot, 'resources', 'packs'),
    packageJson: join(appRoot, 'package.json'),
  };
}
