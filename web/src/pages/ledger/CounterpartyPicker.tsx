// Finds a verified enterprise on the platform by name or credit code (GET /ledger/counterparties).
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.js';
import type { CounterpartyOption } from './types.js';

export function CounterpartyPicker({
  id,
  value,
  onChange,
  onPicked,
}: {
  id?: string;
  value?: CounterpartyOption | null;
  onChange?: (v: CounterpartyOption | null) => void;
  onPicked?: (v: CounterpartyOption | null) => void;
}) {
  const [words, setWords] = useState('');
  const q = useQuery({
    queryKey: ['ledger', 'counterparties', words],
    queryFn: ({ signal }) => api.get<{ items: CounterpartyOption[] }>('/ledger/counterparties', { q: words }, signal),
    enabled: words.trim().length > 0,
  });
  const options = q.data?.items ?? (value ? [value] : []);
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setWords }}
      placeholder="输入企业名称或统一社会信用代码查找"
      notFoundContent={words ? (q.isFetching ? '查找中…' : '没有找到已认证的企业') : '请输入文字查找'}
      value={value?.id}
      // The chosen option carries its enterprise: the search text is reset on select, which may empty
      // the query's options before this runs, so looking the id up in them could find nothing.
      onChange={(idPicked: string | undefined, option) => {
        const chosen = Array.isArray(option) ? undefined : (option as { enterprise?: CounterpartyOption } | undefined);
        const picked = chosen?.enterprise ?? options.find((o) => o.id === idPicked) ?? null;
        onChange?.(picked);
        onPicked?.(picked);
      }}
      options={options.map((o) => ({
        value: o.id,
        label: o.creditCode ? `${o.name}（${o.creditCode}）` : o.name,
        enterprise: o,
      }))}
    />
  );
}
