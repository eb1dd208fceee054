// The page's Content-Security-Policy nonce and the one place that puts it on styles written at run
// time (issue 16 item 1). The server allows a <style> only with the response's nonce
// (platform/csp.ts: style-src 'self' 'nonce-…', no 'unsafe-inline'); it puts the nonce in
// <meta name="csp-nonce">. Imported first by main.tsx, before antd's modules run.
//
// Where run-time <style> elements come from, and how each gets the nonce:
// - antd's CSS-in-JS (@ant-design/cssinjs useStyleRegister / useCSSVarRegister / useCacheToken) and
//   the icons' base style: ConfigProvider's `csp` prop (main.tsx). message/notification/Modal are
//   used only through hooks inside the provider (toast.tsx), never as static methods, and the wave
//   effect is off, so antd renders no React root of its own outside the provider.
// - @rc-component/portal's scroll locker (every Modal and Drawer, the phone navigation drawer
//   included) and @rc-component/util's getScrollBarSize (tables with a fixed header, the locker):
//   both call rc-util's updateCSS without any `csp` option, and nothing in antd passes one. These
//   are the styles that were refused; the patch below stamps them.
// - @ant-design/cssinjs's selector-support probe (supportWhere / supportLogicProps): same updateCSS
//   call; not used by antd 6's default path, stamped all the same.
// No echarts, watermark or upload list in the app; style="" attributes are set by React (and antd)
// through the CSSOM (element.style), which CSP does not govern, so no 'unsafe-inline' is needed for
// attributes either (style-src-attr stays closed; the browser test would report a refused one).
//
// The patch: a <style> element created by a script of this page gets the nonce at creation. Only
// scripts carrying the nonce run (script-src), so every caller is the app's own bundle; a <style>
// that arrives as markup (parsed HTML, innerHTML) does not pass through createElement and is still
// refused. That is the protection the nonce gives styles, kept.

/** The response's nonce, put in the page by the server (platform/csp.ts); empty in `vite dev`. */
export const CSP_NONCE = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';

if (CSP_NONCE) {
  const create = Document.prototype.createElement;
  Document.prototype.createElement = function createElement(
    this: Document,
    tagName: string,
    options?: ElementCreationOptions,
  ): HTMLElement {
    const el = create.call(this, tagName, options);
    if (el instanceof HTMLStyleElement && !el.nonce) el.nonce = CSP_NONCE;
    return el;
  } as typeof Document.prototype.createElement;
}
