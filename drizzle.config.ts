import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new migration after a schema change; the migrations are checked in.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src-main/db/schema/index.ts',
  out: './src-main/db/migrations',
});
