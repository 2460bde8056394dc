import { defineConfig } from 'drizzle-kit';

// The company hub's schema: `npx drizzle-kit generate --config drizzle.hub.config.ts` writes a migration after a
// change; the checked-in migrations serve PGlite and PostgreSQL alike.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src-hub/db/schema/index.ts',
  out: './src-hub/db/migrations',
});
