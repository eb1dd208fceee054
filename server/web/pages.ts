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
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
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

/** The id of the list of scripts a server-rendered page fetches ahead (web/src/boot.ts). */
const PREFETCH_ID = 'app-prefetch';

/** The attribute on #root with the server's clock at rendering (SERVER_TIME_ATTRIBUTE in web/src/time-left.ts). */
const SERVER_TIME_ATTRIBUTE = 'data-server-time';

/**
 * The browser app's scripts, main.tsx and everything it imports statically, from the build's
 * manifest (web/dist/.vite/manifest.json): what a server-rendered page loads at the visitor's first
 * interaction, and so fetches ahead once it has loaded (web/src/boot.ts). Empty without a manifest.
 */
export function appScripts(manifest: Record<string, { file: string; imports?: string[] }>): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(`/${chunk.file}`)) return;
    files.add(`/${chunk.file}`);
    for (const k of chunk.imports ?? []) visit(k);
  };
  visit('src/main.tsx');
  return [...files];
}

/** The built shell with this page's head and body put in. */
export function pageDocument(
  shell: string,
  page: Extract<RenderResult, { kind: 'page' }>,
  prefetch: readonly string[] = [],
): string {
  const { head } = page;
  const { html, css } = attributeStylesToRules(page.html);
  const meta = [
    `<meta name="description" content="${escapeHtml(head.description)}" />`,
    `<link rel="canonical" href="${escapeHtml(head.canonical)}" />`,
    ...head.jsonLd.map((o) => `<script type="application/ld+json">${scriptJson(o)}</script>`),
    page.styles,
    css,
  ].join('\n    ');
  return shell
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(head.title)}</title>`)
    .replace(/\s*<meta name="description"[^>]*>/, '')
    .replace('</head>', `    ${meta}\n  </head>`)
    .replace(
      '<div id="root"></div>',
      // The server's clock as it rendered, for the countdowns ticked before hydration (web/src/boot.ts).
      `<div id="root" ${SERVER_TIME_ATTRIBUTE}="${Date.now()}">${html}</div>${page.state}` +
        (prefetch.length ? `<script type="application/json" id="${PREFETCH_ID}">${scriptJson(prefetch)}</script>` : ''),
    );
}

const ENTITIES: Record<string, string> = {
  '&quot;': '"',
  '&#x27;': "'",
  '&#39;': "'",
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
};

/**
 * The rendered markup's style="" attributes as rules of one <style> element (which carries the
 * response's nonce like every other). The CSP refuses style attributes in markup (style-src-attr has
 * no 'unsafe-inline': an attribute in markup could be an injection), so each element gets
 * `data-ssr-style="n"` instead and the rule `[data-ssr-style="n"]{…}` styles it until hydration; after
 * that React changes styles through the CSSOM, which the policy allows and which wins over the rule.
 * The rules come after antd's, so they win ties as the attributes would have.
 */
export function attributeStylesToRules(markup: string): { html: string; css: string } {
  const seen = new Map<string, number>();
  const html = markup.replace(/ style="([^"]*)"/g, (_, value: string) => {
    let n = seen.get(value);
    if (n === undefined) {
      n = seen.size;
      seen.set(value, n);
    }
    return ` data-ssr-style="${n}"`;
  });
  if (seen.size === 0) return { html, css: '' };
  const rules = [...seen].map(([value, n]) => {
    // Back from attribute escaping to CSS text; `<` cannot close the style element.
    const declarations = value.replace(/&(?:quot|#x27|#39|lt|gt|amp);/g, (e) => ENTITIES[e]!).replaceAll('<', '\\3c ');
    return `[data-ssr-style="${n}"]{${declarations}}`;
  });
  return { html, css: `<style>${rules.join('')}</style>` };
}

/**
 * An HTML answer, brotli- or gzip-compressed as the browser accepts. Done here: pages are served by
 * the not-found handler, which @fastify/compress's hook (registered after the public cache, whose
 * hook must see plain bodies) does not reach. A quick brotli level: pages are made per request.
 */
function sendHtml(request: FastifyRequest, reply: FastifyReply, html: string): FastifyReply {
  reply.type('text/html; charset=utf-8').header('vary', 'Cookie, Accept-Encoding');
  const accepted = String(request.headers['accept-encoding'] ?? '');
  if (html.length < 1024) return reply.send(html);
  if (/\bbr\b/.test(accepted)) {
    const body = brotliCompressSync(html, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } });
    return reply.header('content-encoding', 'br').send(body);
  }
  if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(gzipSync(html, { level: 6 }));
  return reply.send(html);
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
  const manifestFile = join(opts.webDist, '.vite', 'manifest.json');
  const prefetch = existsSync(manifestFile)
    ? appScripts(JSON.parse(readFileSync(manifestFile, 'utf8')) as Parameters<typeof appScripts>[0])
    : [];
  const entryFile = join(opts.webDist, '..', 'dist-ssr', 'entry-server.js');
  const entry = existsSync(entryFile) ? ((await import(pathToFileURL(entryFile).href)) as ServerEntry) : null;
  if (!entry) app.log.warn({ entryFile }, 'no server-rendering build: every page is rendered in the browser');
  const transport = injectTransport(app);

  const sendShell = (request: FastifyRequest, reply: FastifyReply, status: number) =>
    sendHtml(request, reply.code(status).header('cache-control', 'no-cache'), withCspNonce(shell, reply.cspPageNonce));

  return async (request, reply) => {
    const signedIn = Boolean(request.cookies[SESSION_COOKIE]);
    if (!entry || signedIn) return sendShell(request, reply, 200);
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
      return sendShell(request, reply, 200);
    }
    if (result.kind === 'shell') return sendShell(request, reply, result.status);
    // Visitors' pages change with the data: always revalidated; a session cookie makes another page.
    reply.code(200).header('cache-control', 'no-cache');
    return sendHtml(request, reply, withCspNonce(pageDocument(shell, result, prefetch), reply.cspPageNonce));
  };
}
