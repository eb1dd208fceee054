// The Content-Security-Policy nonce (issue 16 item 5): one per response, generated here only, so the
// api's app shell and pages rendered on the server later (the public-pages issue) stamp the same
// nonce on their own <script>/<style> tags as the header allows. Pure string work, no I/O.
import { randomBytes } from 'node:crypto';

/** A fresh nonce: 128 random bits, base64 (CSP nonce-source grammar). */
export function newCspNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Where the web app reads the nonce for the styles antd writes at run time (ConfigProvider `csp`). */
export const CSP_NONCE_META = 'csp-nonce';

/**
 * Stamps `nonce` on every <script> and <style> tag of an HTML document and exposes it in a
 * <meta name="csp-nonce"> for scripts that add styles later. The document is ours (the built app
 * shell or a server-rendered page), never user input.
 */
export function withCspNonce(html: string, nonce: string): string {
  const stamped = html.replace(/<(script|style)(?=[\s>])(?![^>]*\snonce=)/gi, `<$1 nonce="${nonce}"`);
  return stamped.replace(/<head>/i, `<head>\n    <meta name="${CSP_NONCE_META}" content="${nonce}" />`);
}

/** The policy: nothing inline without the response's nonce, nothing framed, nothing from elsewhere. */
export function cspDirectives(
  nonceOf: (res: unknown) => string,
): Record<string, Array<string | ((req: unknown, res: unknown) => string)>> {
  const nonce = (_req: unknown, res: unknown) => `'nonce-${nonceOf(res)}'`;
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", nonce],
    // Styles: only the page's own (from 'self') and those carrying the nonce — the app shell's
    // <style>, antd's CSS-in-JS (ConfigProvider `csp`) and the few run-time styles rc-component
    // writes without it, which web/src/csp-nonce.ts stamps. No 'unsafe-inline': injected markup
    // cannot style the page. style="" attributes need no exception: React and antd set styles
    // through the CSSOM, which CSP does not govern.
    'style-src': ["'self'", nonce],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}
