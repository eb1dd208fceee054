// The web app's pages (issue 24). A visitor's GET of a public page (home, browse lists, a listing,
// search, notices, the pool and its editions, an institution's disclosure) is rendered here by the
// web app's own server entry (web/src/entry-server.tsx, built into web/dist-ssr by `npm run
// build:web`), which reads its data from this api in-process, as a visitor; the browser then
// hydrates it. Everything else — a signed-in user's request (the session cookie), members' and
// operators' pages, a page whose data could not be read — gets the app shell, rendered in the browser
// as before. Either way the document carries the response's CSP nonce on every script and style tag.
//
// Why Vite SSR served by Fastify rather than React Router's framework mode: the api already serves
// the app, its CSP nonce, cache and compression; the web app's routes are declarative <Routes>
// (StaticRouter renders them unchanged) and its data is react-query, which this entry prefetches
// generically. Framework mode would have meant a second server and rewriting every route as a loader.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {} from '@fastify/compress';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withCspNonce } from '../../platform/csp.js';
import { SESSION_COOKIE } from '../plugins/session.js';

/** What web/dist-ssr/entry-server.js exports (web/src/entry-server.tsx). */
interface Head {
  title: string;
  description: string;
  canonical: string;
  jsonLd: object[];
}
type RenderResult =
  | { kind: 'page'; status: 200; head: Head; html: string; styles: string; state: string }
  | { kind: 'shell'; status: 200 | 404 };
interface ServerEntry {
  render(opts: {
    url: string;
    transport: (url: string, init: RequestInit) => Promise<Response>;
    publicUrl: string;
    nonce: string;
  }): Promise<RenderResult>;
}

export type PageSender = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JSON inside a <script>: nothing that could close it. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');

/** The built shell with this page's head and body put in. */
export function pageDocument(shell: string, page: Extract<RenderResult, { kind: 'page' }>): string {
  const { head } = page;
  const meta = [
    `<meta name="description" content="${escapeHtml(head.description)}" />`,
    `<link rel="canonical" href="${escapeHtml(head.canonical)}" />`,
    ...head.jsonLd.map((o) => `<script type="application/ld+json">${scriptJson(o)}</script>`),
    page.styles,
  ].join('\n    ');
  return shell
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(head.title)}</title>`)
    .replace(/\s*<meta name="description"[^>]*>/, '')
    .replace('</head>', `    ${meta}\n  </head>`)
    .replace('<div id="root"></div>', `<div id="root">${page.html}</div>${page.state}`);
}

/** The api's own answer to a page's read, as the browser's fetch would have returned it. */
function injectTransport(app: FastifyInstance) {
  return async (url: string, init: RequestInit): Promise<Response> => {
    const res = await app.inject({
      method: (init.method ?? 'GET') as 'GET',
      url,
      headers: { accept: 'application/json' },
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, String(v));
    }
    const body = res.statusCode === 204 || res.statusCode === 304 ? null : res.body;
    return new Response(body, { status: res.statusCode, headers });
  };
}

/**
 * How the api answers a GET for a web page: server-rendered when it can, the app shell otherwise.
 * `webDist` is the browser build (index.html); the server build sits beside it in `dist-ssr`.
 */
export async function createPageSender(
  app: FastifyInstance,
  opts: { webDist: string; publicUrl: string },
): Promise<PageSender> {
  const shell = readFileSync(join(opts.webDist, 'index.html'), 'utf8');
  const entryFile = join(opts.webDist, '..', 'dist-ssr', 'entry-server.js');
  const entry = existsSync(entryFile) ? ((await import(pathToFileURL(entryFile).href)) as ServerEntry) : null;
  if (!entry) app.log.warn({ entryFile }, 'no server-rendering build: every page is rendered in the browser');
  const transport = injectTransport(app);

  // Compressed here (brotli or gzip, as the browser accepts): the not-found route that serves pages
  // sits outside @fastify/compress's global hook.
  const sendShell = (reply: FastifyReply, status: number) => {
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .compress(withCspNonce(shell, reply.cspPageNonce));
    return reply;
  };

  return async (request, reply) => {
    const signedIn = Boolean(request.cookies[SESSION_COOKIE]);
    if (!entry || signedIn) return sendShell(reply, 200);
    let result: RenderResult;
    try {
      result = await entry.render({
        url: request.url,
        transport,
        publicUrl: opts.publicUrl,
        nonce: reply.cspPageNonce,
      });
    } catch (err) {
      request.log.error({ err }, 'server rendering failed; sending the app shell');
      return sendShell(reply, 200);
    }
    if (result.kind === 'shell') return sendShell(reply, result.status);
    reply
      .code(200)
      .type('text/html; charset=utf-8')
      // Visitors' pages change with the data: always revalidated; a session cookie makes another page.
      .header('cache-control', 'no-cache')
      .header('vary', 'Cookie')
      .compress(withCspNonce(pageDocument(shell, result), reply.cspPageNonce));
    return reply;
  };
}
