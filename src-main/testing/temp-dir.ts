import { join } from 'node:path';

// The pack library sits below the app, so the helper lives there and the app's tests use the same one.
export { useTempDirs } from '../../src-packs/testing/temp-dir';

/** The migrations the app ships, read from the project as the browser host reads them. */
export const shippedMigrationsDir = join(import.meta.dirname, '..', 'db', 'migrations');
