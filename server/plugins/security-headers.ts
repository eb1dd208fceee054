// Response headers (issue 16 item 5): @fastify/helmet with a nonce-based Content-Security-Policy —
// no 'unsafe-inline'; the app shell's tags and the web app's run-time styles carry the response's nonce
// (platform/csp.ts, web/src/main.tsx) — frame-ancestors 'none', nosniff, a referrer policy, and
// HSTS in production only (a development server on plain http must not pin browsers to https).
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { cspDirectives, newCspNonce } from '../../platform/csp.js';

declare module 'fastify' {
  interface FastifyReply {
    /** This response's CSP nonce; pages served by the api stamp it on their script and style tags. */
    cspPageNonce: string;
  }
}

const NONCE = Symbol('cspNonce');
type WithNonce = { [NONCE]?: string };

export default fp(
  async function securityHeaders(app: FastifyInstance, opts: { production: boolean }) {
    app.decorateReply('cspPageNonce', '');
    // Before helmet's own hook (registration order), so the header and the page get the same nonce.
    app.addHook('onRequest', async (_request, reply) => {
      reply.cspPageNonce = newCspNonce();
      (reply.raw as WithNonce)[NONCE] = reply.cspPageNonce;
    });
    await app.register(helmet, {
      global: true,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: cspDirectives((res) => (res as WithNonce)[NONCE] ?? ''),
      },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      strictTransportSecurity: opts.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      // The api serves no cross-origin embeds; these defaults of helmet would only get in the way of
      // the documents and exports the app opens in new tabs.
      crossOriginEmbedderPolicy: false,
    });
  },
  { name: 'security-headers' },
);
