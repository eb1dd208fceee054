// The app, loaded by the page's first script (boot.ts): at once for the app shell, at the visitor's
// first interaction for a server-rendered page. A public page the server rendered
// (server/web/pages.ts) arrives with its HTML, antd's styles and the query cache it was rendered
// from (#ssr-state): the same tree is hydrated over it. Every other page starts from the empty
// shell and renders here.
// First: run-time <style> elements get the page's CSP nonce from here on (csp-nonce.ts says which).
import { CSP_NONCE } from './csp-nonce.js';
import { hydrate, type DehydratedState } from '@tanstack/react-query';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { createQueryClient, Root } from './Root.js';
import { SSR_STATE_ID } from './ssr-state.js';

const queryClient = createQueryClient();
const container = document.getElementById('root')!;
const state = document.getElementById(SSR_STATE_ID);

const app = <Root queryClient={queryClient} nonce={CSP_NONCE} router={BrowserRouter} />;
if (state?.textContent) {
  hydrate(queryClient, JSON.parse(state.textContent) as DehydratedState);
  hydrateRoot(container, app);
} else {
  createRoot(container).render(app);
}
