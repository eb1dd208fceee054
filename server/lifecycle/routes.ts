// Routes of the listing lifecycle (DESIGN §5): the public notice board and objections, claims in the
// listing window, showcase inquiries and renewal, demand proposals / award / landing / reward, and
// the deal. Handlers validate, call one service function and shape the reply. One plugin per
// sub-area, registered here in this order (the order of the OpenAPI document).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import claimsRoutes from './claims-routes.js';
import dealsRoutes from './deals-routes.js';
import demandsRoutes from './demands-routes.js';
import noticesRoutes from './notices-routes.js';
import showcaseRoutes from './showcase-routes.js';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(noticesRoutes);
  await app.register(claimsRoutes);
  await app.register(showcaseRoutes);
  await app.register(demandsRoutes);
  await app.register(dealsRoutes);
};

export default routes;
