// The demo data that goes through the product's services, seeded by `npm start` right after the
// database seed (db/seed) into an empty database: it needs the running services and the configured
// document storage. One function, so that test/seed.test.ts checks what a fresh start shows.
//   措施十四: documents and decision records on a converted result, a dossier exported and verified,
//             a determination on it (server/dossiers/demo.ts);
//   措施一:   a co-ownership grant both researchers accepted, its meeting minutes as the grant's
//             document, the patent-change steps (server/rights/demo.ts);
//   措施十二: a researcher with a paid reward and its statement (server/remuneration/demo.ts).
import { DEMO_DOSSIER, DEMO_PASSWORD, DEMO_RESEARCHER } from '../db/seed/index.js';
import type { ServiceContext } from '../platform/context.js';
import type { DocumentStorage } from '../platform/storage/index.js';
import { seedDemoDossier, type DemoDossier } from './dossiers/demo.js';
import { seedDemoRemuneration, type DemoRemuneration } from './remuneration/demo.js';
import { seedDemoRights, type DemoRights } from './rights/demo.js';

export interface DemoServices {
  dossier: DemoDossier | null;
  rights: DemoRights | null;
  remuneration: DemoRemuneration | null;
}

export async function seedDemoServices(
  ctx: ServiceContext,
  storage: DocumentStorage,
  hashPassword: (password: string) => Promise<string>,
): Promise<DemoServices> {
  const dossier = await seedDemoDossier(ctx, storage, DEMO_DOSSIER.institution, DEMO_DOSSIER.operator);
  const rights = await seedDemoRights(ctx, storage, DEMO_DOSSIER.institution, hashPassword, DEMO_PASSWORD);
  const remuneration = await seedDemoRemuneration(ctx, DEMO_DOSSIER.institution, {
    email: DEMO_RESEARCHER.email,
    displayName: DEMO_RESEARCHER.displayName,
    passwordHash: await hashPassword(DEMO_PASSWORD),
  });
  return { dossier, rights, remuneration };
}
