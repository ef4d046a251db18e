import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate` writes SQL migrations from src/db/schema.ts; the same
// folder migrates PGlite and PostgreSQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
});
