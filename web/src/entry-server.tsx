// The server-rendering entry (issue 24), built by `npm run build:web` into web/dist-ssr and called by
// the api (server/web/pages.ts) for a visitor's GET of a public page. It renders the very tree the
// browser hydrates (Root.tsx), with React Router's StaticRouter, and returns the HTML, antd's styles
// for it, the page's <head> and the query cache to hydrate from.
//
// Data: the pages fetch with react-query as they do in the browser. A render registers the queries
// the page asks for; they are run (through the api in-process, as a visitor) and the page rendered
// again, until a render asks for nothing new (a listing's related matches need the listing first).
// So the server shows exactly what the browser would, and nothing a visitor may not see: contact
// details never reach this HTML, because the api does not give them to visitors.
import { createCache, extractStyle, StyleProvider } from '@ant-design/cssinjs';
import { dehydrate, type Query } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { prerenderToNodeStream } from 'react-dom/static';
import { StaticRouter } from 'react-router';
import { ApiError, setApiTransport } from './api/client.js';
import { ME_KEY } from './auth.js';
import { createQueryClient, Root } from './Root.js';
import { headFor, isPublicPage, mainQueryKey, type Head } from './seo.js';
import { scriptJson, SSR_STATE_ID } from './ssr-state.js';

export interface RenderOptions {
  /** The page's path and query string. */
  url: string;
  /** Sends one api request (`/api/v1/…`) in-process, as a visitor. */
  transport: (url: string, init: RequestInit) => Promise<Response>;
  /** Where users reach the product (PUBLIC_URL), for canonical URLs and structured data. */
  publicUrl: string;
  /** The response's CSP nonce. */
  nonce: string;
}

export type RenderResult =
  | { kind: 'page'; status: 200; head: Head; html: string; styles: string; state: string }
  /** Not a public page, or one the server cannot render as the browser would: send the app shell. */
  | { kind: 'shell'; status: 200 | 404 };

/** Renders after which the page must have stopped asking for data (a guard against loops). */
const MAX_RENDERS = 4;

async function renderToString(node: ReactNode): Promise<string> {
  const { prelude } = await prerenderToNodeStream(node);
  const chunks: Buffer[] = [];
  for await (const chunk of prelude) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function waiting(query: Query): boolean {
  const enabled = (query.options as { enabled?: unknown }).enabled;
  return query.state.status === 'pending' && query.state.fetchStatus === 'idle' && enabled !== false;
}

export async function render(opts: RenderOptions): Promise<RenderResult> {
  const url = new URL(opts.url, 'http://ssr.invalid');
  if (!isPublicPage(url.pathname)) return { kind: 'shell', status: 200 };
  setApiTransport(opts.transport);

  const queryClient = createQueryClient();
  // Only visitors get server-rendered pages (a signed-in request gets the shell).
  queryClient.setQueryData(ME_KEY, null);
  const tree = (cache: ReturnType<typeof createCache>) => (
    <StyleProvider cache={cache}>
      <Root
        queryClient={queryClient}
        nonce={opts.nonce}
        router={({ children }) => <StaticRouter location={url.pathname + url.search}>{children}</StaticRouter>}
      />
    </StyleProvider>
  );

  let html = '';
  let cache = createCache();
  for (let i = 0; i < MAX_RENDERS; i++) {
    cache = createCache();
    html = await renderToString(tree(cache));
    const asked = queryClient.getQueryCache().getAll().filter(waiting);
    if (asked.length === 0) break;
    // One attempt each: a page whose data fails renders in the browser, which retries.
    await Promise.all(asked.map((q) => q.fetch({ ...q.options, retry: false }).catch(() => undefined)));
    if (i === MAX_RENDERS - 1) return { kind: 'shell', status: 200 };
  }

  // A detail page whose subject does not exist is a 404; any other failed read renders in the
  // browser (which retries) rather than as an error page a crawler would index.
  const failed = queryClient
    .getQueryCache()
    .getAll()
    .filter((q) => q.state.status === 'error');
  if (failed.length > 0) {
    const main = JSON.stringify(mainQueryKey(url.pathname));
    const missing = failed.some(
      (q) => JSON.stringify(q.queryKey) === main && q.state.error instanceof ApiError && q.state.error.status === 404,
    );
    return { kind: 'shell', status: missing ? 404 : 200 };
  }

  const head = headFor(url, queryClient, opts.publicUrl);
  const state = `<script type="application/json" id="${SSR_STATE_ID}">${scriptJson(dehydrate(queryClient))}</script>`;
  return { kind: 'page', status: 200, head, html, styles: extractStyle(cache), state };
}
