// A signed-in member's own records across listings (我的摘牌, 我的揭榜): a titled table, newest first,
// page in the URL.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Space, Typography, type TableColumnsType } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useUrlState } from '../../url-state.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';

const PAGE_SIZE = 20;

export function MyPagedTable<T extends { id: string }>(props: {
  title: string;
  /** The api path, e.g. `/my/claims`. */
  path: string;
  /** The first element of the query key, which mutations elsewhere invalidate (e.g. `my-proposals`). */
  queryKey: string;
  emptyText: string;
  columns: TableColumnsType<T>;
}) {
  const { title, path } = props;
  const { getInt, set } = useUrlState();
  const page = getInt('page', 1);
  const query = { page, pageSize: PAGE_SIZE };
  const q = useQuery({
    queryKey: [props.queryKey, query],
    queryFn: ({ signal }) => api.get<Page<T>>(path, query, signal),
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    document.title = `${title} - 辽宁揭榜挂帅`;
  }, [title]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <ResponsiveTable<T>
          rowKey="id"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: props.emptyText }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: q.data?.total ?? 0,
            onChange: (p) => set({ page: p }),
          }}
          columns={props.columns}
        />
      )}
    </Space>
  );
}
