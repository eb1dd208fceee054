// The browser entry. A public page the server rendered (server/web/pages.ts) arrives with its HTML,
// antd's styles and the query cache it was rendered from (#ssr-state): the same tree is hydrated
// over it. Every other page starts from the empty shell and renders here.
import { hydrate, type DehydratedState } from '@tanstack/react-query';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { createQueryClient, Root } from './Root.js';
import { SSR_STATE_ID } from './ssr-state.js';

/** The response's Content-Security-Policy nonce, put in the page by the server (platform/csp.ts). */
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
const queryClient = createQueryClient();
const container = document.getElementById('root')!;
const state = document.getElementById(SSR_STATE_ID);

const app = <Root queryClient={queryClient} nonce={nonce} router={BrowserRouter} />;
if (state?.textContent) {
  hydrate(queryClient, JSON.parse(state.textContent) as DehydratedState);
  hydrateRoot(container, app);
} else {
  createRoot(container).render(app);
}
