import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './db/schema.ts',
    './db/schema-accounts.ts',
    './db/schema-unit-duty.ts',
    './db/schema-township-work.ts',
    './db/schema-notices.ts',
    './db/schema-imports.ts',
    './db/schema-inspections.ts',
  ],
  out: './db/migrations',
});
