// Pagination whose page and page size live in the URL (url-state.ts): the browse, pool and search
// pages share it. A page size outside the offered ones falls back to the default; changing the
// size returns to page 1; every change scrolls back to the top.
import { Pagination } from 'antd';
import type { CSSProperties } from 'react';
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
  const { set } = useUrlState();
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
      onChange={(p, ps) => {
        if (ps !== pageSize) set({ pageSize: ps, page: null });
        else set({ page: p });
        window.scrollTo({ top: 0 });
      }}
    />
  );
}
