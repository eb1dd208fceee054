// Pagination whose page and page size live in the URL (url-state.ts): the browse, pool and search
// pages share it. A page size outside the offered ones falls back to the default; changing the
// size returns to page 1; every change scrolls back to the top. Each page number is a real link
// (`href` to its page): crawlers follow it (Lighthouse's crawlable-anchors audit: antd's own page
// items are <a> without href) and it works before the page is hydrated.
import { Pagination } from 'antd';
import { cloneElement, isValidElement, type AnchorHTMLAttributes, type CSSProperties, type ReactElement } from 'react';
import { useUrlState } from '../url-state.js';

export function useUrlPaging(sizes: readonly number[], defaultSize: number): { page: number; pageSize: number } {
  const { getInt } = useUrlState();
  const requested = getInt('pageSize', defaultSize);
  return { page: getInt('page', 1), pageSize: sizes.includes(requested) ? requested : defaultSize };
}

export function UrlPagination(props: {
  sizes: readonly number[];
  page: number;
  pageSize: number;
  total: number;
  style?: CSSProperties;
}) {
  const { sizes, page, pageSize, total } = props;
  const { set, params } = useUrlState();
  const hrefOf = (p: number) => {
    const next = new URLSearchParams(params);
    if (p > 1) next.set('page', String(p));
    else next.delete('page');
    const query = next.toString();
    return query ? `?${query}` : '?';
  };
  return (
    <Pagination
      style={props.style}
      align="center"
      current={page}
      pageSize={pageSize}
      total={total}
      pageSizeOptions={[...sizes]}
      showSizeChanger
      hideOnSinglePage={total <= sizes[0]!}
      // The item's own click handler (antd's, on the <li>) changes the page in place; the link's
      // default navigation would load the page again.
      // Page numbers and the jump-by-five links (all <a>); prev/next are buttons.
      itemRender={(p, type, original) =>
        isValidElement(original) && original.type === 'a' && type !== 'prev' && type !== 'next'
          ? cloneElement(original as ReactElement<AnchorHTMLAttributes<HTMLAnchorElement>>, {
              href: hrefOf(p),
              rel: undefined,
              onClick: (e) => e.preventDefault(),
            })
          : original
      }
      onChange={(p, ps) => {
        if (ps !== pageSize) set({ pageSize: ps, page: null });
        else set({ page: p });
        window.scrollTo({ top: 0 });
      }}
    />
  );
}
