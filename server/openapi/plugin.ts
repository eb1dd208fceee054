// API documentation: the OpenAPI document at /docs/json (/docs/yaml, browsable at /docs) and the
// AsyncAPI 3 document of the websockets at /docs/asyncapi.json. Both are derived from the routes and
// the contract's schemas, never written beside them.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { asyncapiDocument } from './asyncapi.js';
import { contractNames } from './names.js';
import { ApiError, openapiBase } from './document.js';
import { CONTRACT_NAME, documentRoute } from './operations.js';

type Json = Record<string, unknown>;

/**
 * An action that takes no body (server/plugins/validation.ts, EMPTY_BODY) may be called without one:
 * its request body is documented as optional (@fastify/swagger marks every body required).
 */
function markEmptyBodyOptional(op: Json): void {
  const body = op.requestBody as Json | undefined;
  const schema = ((body?.content as Record<string, Json> | undefined)?.['application/json']?.schema ?? {}) as Json;
  const noFields = schema.type === 'object' && Object.keys((schema.properties as Json | undefined) ?? {}).length === 0;
  if (body && noFields && schema.additionalProperties === false) body.required = false;
}

/**
 * Replaces each response body marked as a named shape with a reference to its component; marks the
 * empty bodies optional.
 */
function hoistRootShapes(doc: Json): Json {
  const components = ((doc.components as Json).schemas ??= {}) as Json;
  for (const path of Object.values(doc.paths as Record<string, Json>)) {
    for (const op of Object.values(path) as Json[]) {
      markEmptyBodyOptional(op);
      for (const response of Object.values((op.responses ?? {}) as Record<string, Json>)) {
        for (const media of Object.values((response.content ?? {}) as Record<string, Json>)) {
          const schema = media.schema as Json | undefined;
          const name = schema?.[CONTRACT_NAME];
          if (typeof name !== 'string') continue;
          const { [CONTRACT_NAME]: _marker, title: _title, ...shape } = schema!;
          components[name] ??= shape;
          media.schema = { $ref: `#/components/schemas/${name}` };
        }
      }
    }
  }
  // Hoisted shapes carry their name as `title`; the component key says it already.
  for (const c of Object.values(components) as Json[]) if (c.title && c.title === c.$id) delete c.title;
  return doc;
}

export default fp(
  async function apiDocs(app: FastifyInstance) {
    const names = contractNames();
    app.addSchema(ApiError);
    await app.register(swagger, {
      openapi: openapiBase as unknown as Json,
      refResolver: { buildLocalReference: (json, _base, _fragment, i) => (json.$id as string) || `def-${i}` },
      transform: ({ schema, url, route }) =>
        documentRoute({ method: route.method, url, schema: schema as Json, config: route.config }, names),
      transformObject: (documentObject) =>
        hoistRootShapes((documentObject as { openapiObject: Json }).openapiObject) as never,
    });
    // staticCSP: the documentation page sends its own policy (hashes of its inline parts) instead of
    // the app's nonce policy (server/plugins/security-headers.ts).
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
    const asyncapi = asyncapiDocument();
    app.get('/docs/asyncapi.json', { schema: { hide: true } }, async () => asyncapi);
  },
  { name: 'api-docs' },
);
