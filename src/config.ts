// Settings from the environment, read in one place.
import { resolve } from 'node:path';

export const config = {
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? '0.0.0.0',
  dataDir: resolve(process.env.DATA_DIR ?? 'data'),
  databaseUrl: process.env.DATABASE_URL || undefined,
  adminPassword: process.env.ERP_ADMIN_PASSWORD || undefined,
  /** Set to 1 to skip loading demo data on the first start of an embedded database. */
  noDemo: process.env.ERP_NO_DEMO === '1',
};
