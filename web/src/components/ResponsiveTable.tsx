// A table on wide screens, a list of cards on phones: below 768 px a table either hides columns off
// the side of its card or squeezes them unreadable, and row actions (通过/驳回…) end up off-screen.
// Each card shows every column as "title: value", and the actions column (key 'actions' or 'op', or
// titled 操作) at the bottom, full width. Drop-in for antd's Table: same props.
import { Grid, Pagination, Table, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table/interface.js';
import { useState, type Key, type ReactNode } from 'react';

type AnyColumn<T> = ColumnType<T> & { key?: Key; dataIndex?: unknown; title?: ReactNode };

function isActions<T>(c: AnyColumn<T>): boolean {
  return c.key === 'actions' || c.key === 'op' || c.title === '操作';
}

function cellOf<T>(c: AnyColumn<T>, row: T, index: number): ReactNode {
  const path = c.dataIndex;
  let value: unknown = row;
  if (typeof path === 'string' || typeof path === 'number') value = (row as Record<string, unknown>)[path];
  else if (Array.isArray(path))
    for (const p of path as (string | number)[]) value = (value as Record<string, unknown> | null)?.[p];
  else if (path === undefined) value = undefined;
  if (c.render) return c.render(value, row, index) as ReactNode;
  return value === null || value === undefined ? '—' : (value as ReactNode);
}

function keyOf<T>(rowKey: TableProps<T>['rowKey'], row: T, index: number): Key {
  if (typeof rowKey === 'function') return rowKey(row, index);
  if (typeof rowKey === 'string') return (row as Record<string, Key>)[rowKey]!;
  return (row as { key?: Key }).key ?? index;
}

export function ResponsiveTable<T extends object>(props: TableProps<T>) {
  const screens = Grid.useBreakpoint();
  if (screens.md === true) return <Table<T> {...props} />;
  if (screens.md === false) return <Cards {...props} />;
  // Not measured yet: the server's render (a public page such as the notice board or a disclosure)
  // and the browser's hydration of it. Both are in the markup and CSS shows the one for the screen
  // (.jb-* in index.html), so a phone gets the cards before any script runs; once measured, only one.
  return (
    <>
      <div className="jb-tablet-up">
        <Table<T> {...props} />
      </div>
      <div className="jb-phone-only">
        <Cards {...props} />
      </div>
    </>
  );
}

function Cards<T extends object>(props: TableProps<T>) {
  const [localPage, setLocalPage] = useState(1);

  const columns = (props.columns ?? []) as AnyColumn<T>[];
  const rows = [...(props.dataSource ?? [])];
  const fields = columns.filter((c) => !isActions(c));
  const actions = columns.filter(isActions);
  const pagination = props.pagination;
  // A server-paged table passes one page and its own pagination; a local one is cut here.
  const local = pagination && typeof pagination === 'object' && pagination.total === undefined;
  const pageSize = local ? (pagination.pageSize ?? 10) : rows.length || 1;
  const page = local ? (pagination.current ?? localPage) : 1;
  const shown = local ? rows.slice((page - 1) * pageSize, page * pageSize) : rows;
  const empty = props.locale?.emptyText ?? '暂无数据';

  return (
    <div data-testid={(props as { 'data-testid'?: string })['data-testid']} className="responsive-table">
      {props.loading && !rows.length ? <p>加载中…</p> : null}
      {!props.loading && rows.length === 0 ? <p style={{ color: 'rgba(0,0,0,0.62)' }}>{empty as ReactNode}</p> : null}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-busy={Boolean(props.loading) || undefined}>
        {shown.map((row, i) => (
          <li
            key={keyOf(props.rowKey, row, i)}
            className="responsive-table-card"
            style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12, marginBottom: 12, background: '#fff' }}
          >
            <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '4px 12px' }}>
              {fields.map((c, ci) => (
                <div key={String(c.key ?? c.dataIndex ?? ci)} style={{ display: 'contents' }}>
                  <dt style={{ color: 'rgba(0,0,0,0.62)', whiteSpace: 'nowrap' }}>{c.title as ReactNode}</dt>
                  <dd style={{ margin: 0, minWidth: 0, overflowWrap: 'anywhere' }}>{cellOf(c, row, i)}</dd>
                </div>
              ))}
            </dl>
            {actions.map((c, ci) => (
              <div key={String(c.key ?? ci)} style={{ marginTop: 8 }}>
                {cellOf(c, row, i)}
              </div>
            ))}
          </li>
        ))}
      </ul>
      {pagination && typeof pagination === 'object' && (pagination.total ?? rows.length) > pageSize && (
        <Pagination
          size="small"
          simple
          current={pagination.current ?? page}
          pageSize={pagination.pageSize ?? pageSize}
          total={pagination.total ?? rows.length}
          onChange={(p, size) => {
            setLocalPage(p);
            pagination.onChange?.(p, size);
          }}
        />
      )}
    </div>
  );
}
