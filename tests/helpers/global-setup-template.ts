/** E2E needs only the PGlite template; it must not reseed the PostgreSQL database the API tests use. */
import { buildTemplate } from './template';

export default async function setup(): Promise<void> {
  await buildTemplate();
}
