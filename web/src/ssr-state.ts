// What the server-rendered page and the browser entry agree on (server/web/pages.ts renders, main.tsx hydrates).

/** The <script type="application/json"> holding the dehydrated query cache of a server-rendered page. */
export const SSR_STATE_ID = 'ssr-state';

/** JSON safe inside a <script> element: no "</script>", no "<!--", no U+2028/2029 surprises. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
