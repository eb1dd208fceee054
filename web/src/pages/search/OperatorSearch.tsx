// Operators' search tools (issue 21), under 运营管理: the domain thesaurus (search, add, edit, delete
// with a reason; every change is audited and takes effect at the next search, no re-index) and the
// most frequent zero-result queries of the last 30 days, each with a button that starts an entry.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Modal, Select, Space, Switch, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { INDUSTRY_FIELD_LABELS } from '../../../../domain/constants/listings.js';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FormSubmit } from '../../components/FormSubmit.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { formatDateTime } from '../../format.js';
import { useToast } from '../../toast.js';

interface Entry {
  id: string;
  field: string;
  words: string[];
  oneWay: boolean;
  revision: number;
  updatedAt: string;
}
interface ZeroResult {
  query: string;
  count: number;
  lastAt: string;
}
interface Change {
  at: string;
  action: string;
  entryId: string;
  actorName: string | null;
  reason: string | null;
}
interface EntryValues {
  field: string;
  words: string;
  oneWay: boolean;
  reason: string;
}

const FIELD_LABELS: Record<string, string> = { general: '通用', ...INDUSTRY_FIELD_LABELS };
const FIELD_OPTIONS = Object.entries(FIELD_LABELS).map(([value, label]) => ({ value, label }));
const ACTION_LABELS: Record<string, string> = {
  'thesaurus.create': '新增',
  'thesaurus.update': '修改',
  'thesaurus.delete': '删除',
};
const splitWords = (text: string) =>
  text
    .split(/[，,、\s]+/)
    .map((w) => w.trim())
    .filter((w) => w !== '');

/** Add (entry null, optional first word) or edit an entry; a reason is required either way. */
function EntryModal({ entry, firstWord, onClose }: { entry: Entry | null; firstWord?: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const message = useToast();
  const save = useMutation({
    mutationFn: (v: EntryValues) => {
      const body = { field: v.field, words: splitWords(v.words), oneWay: v.oneWay, reason: v.reason.trim() };
      return entry
        ? api.put(`/operator/thesaurus/${entry.id}`, { ...body, revision: entry.revision })
        : api.post('/operator/thesaurus', body);
    },
    onSuccess: () => {
      message.success(entry ? '词条已修改，下一次检索即生效' : '词条已新增，下一次检索即生效');
      void queryClient.invalidateQueries({ queryKey: ['operator', 'thesaurus'] });
      onClose();
    },
  });
  return (
    <Modal open title={entry ? '修改同义词条' : '新增同义词条'} footer={null} onCancel={onClose} destroyOnHidden>
      <Form<EntryValues>
        layout="vertical"
        name="thesaurus-entry"
        initialValues={{
          field: entry?.field ?? 'general',
          words: entry ? entry.words.join('、') : (firstWord ?? ''),
          oneWay: entry?.oneWay ?? false,
          reason: '',
        }}
        onFinish={(v) => save.mutate(v)}
        disabled={save.isPending}
      >
        <Form.Item label="领域" name="field" rules={[{ required: true }]}>
          <Select options={FIELD_OPTIONS} />
        </Form.Item>
        <Form.Item
          label="词语（用顿号、逗号或空格分隔，至少两个）"
          name="words"
          rules={[
            {
              validator: (_, v: string) =>
                new Set(splitWords(v ?? '')).size >= 2
                  ? Promise.resolve()
                  : Promise.reject(new Error('请至少填写两个不同的词语')),
            },
          ]}
        >
          <Input placeholder="例如：无人机、UAV、无人驾驶航空器" maxLength={400} />
        </Form.Item>
        <Form.Item label="单向（第一个词可找到其余词语，反之不然）" name="oneWay" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item
          label="原因"
          name="reason"
          rules={[{ required: true, whitespace: true, min: 2, message: '请填写原因（至少 2 个字）' }]}
        >
          <Input.TextArea rows={2} maxLength={500} placeholder="例如：无结果检索词“飞行器”，企业常用说法" />
        </Form.Item>
        <FormSubmit mutation={save}>保存</FormSubmit>
      </Form>
    </Modal>
  );
}

function DeleteModal({ entry, onClose }: { entry: Entry; onClose: () => void }) {
  const queryClient = useQueryClient();
  const message = useToast();
  const remove = useMutation({
    mutationFn: (v: { reason: string }) =>
      api.post(`/operator/thesaurus/${entry.id}/delete`, { reason: v.reason.trim(), revision: entry.revision }),
    onSuccess: () => {
      message.success('词条已删除');
      void queryClient.invalidateQueries({ queryKey: ['operator', 'thesaurus'] });
      onClose();
    },
  });
  return (
    <Modal open title={`删除同义词条：${entry.words.join('、')}`} footer={null} onCancel={onClose} destroyOnHidden>
      <Form<{ reason: string }> layout="vertical" name="thesaurus-delete" onFinish={(v) => remove.mutate(v)}>
        <Form.Item
          label="删除原因"
          name="reason"
          rules={[{ required: true, whitespace: true, min: 2, message: '请填写删除原因' }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <FormSubmit mutation={remove}>确认删除</FormSubmit>
      </Form>
    </Modal>
  );
}

function Thesaurus({ onAdd }: { onAdd: (word?: string) => void }) {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Entry | null>(null);
  const [deleting, setDeleting] = useState<Entry | null>(null);
  const list = useQuery({
    queryKey: ['operator', 'thesaurus', q, page],
    queryFn: ({ signal }) =>
      api.get<Page<Entry>>('/operator/thesaurus', { q: q || undefined, page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
  const changes = useQuery({
    queryKey: ['operator', 'thesaurus', 'changes'],
    queryFn: ({ signal }) => api.get<Change[]>('/operator/thesaurus/changes', { limit: 10 }, signal),
  });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          aria-label="查找词语"
          placeholder="查找词语"
          allowClear
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 260 }}
        />
        <Button type="primary" onClick={() => onAdd()}>
          新增词条
        </Button>
      </Space>
      {list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <ResponsiveTable<Entry>
            rowKey="id"
            aria-label="同义词条"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: '没有匹配的词条' }}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
            columns={[
              {
                title: '词语',
                key: 'words',
                render: (_, e) => (
                  <Space wrap size={4}>
                    {e.words.map((w, i) => (
                      <Tag key={w} color={e.oneWay && i === 0 ? 'blue' : undefined}>
                        {w}
                      </Tag>
                    ))}
                    {e.oneWay && <Typography.Text type="secondary">（单向）</Typography.Text>}
                  </Space>
                ),
              },
              { title: '领域', dataIndex: 'field', render: (v: string) => FIELD_LABELS[v] ?? v },
              { title: '更新时间', dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
              {
                title: '操作',
                key: 'actions',
                render: (_, e) => (
                  <Space>
                    <Button size="small" onClick={() => setEditing(e)} aria-label={`修改 ${e.words.join('、')}`}>
                      修改
                    </Button>
                    <Button
                      size="small"
                      danger
                      onClick={() => setDeleting(e)}
                      aria-label={`删除 ${e.words.join('、')}`}
                    >
                      删除
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Card title="最近修改" size="small">
        {changes.data?.length ? (
          <ul aria-label="最近修改" style={{ margin: 0, paddingLeft: 20 }}>
            {changes.data.map((c) => (
              <li key={`${c.entryId}-${c.at}-${c.action}`}>
                {formatDateTime(c.at)} {c.actorName ?? '系统'} {ACTION_LABELS[c.action] ?? c.action}：{c.reason}
              </li>
            ))}
          </ul>
        ) : (
          <Typography.Text type="secondary">暂无修改记录</Typography.Text>
        )}
      </Card>
      {editing && <EntryModal entry={editing} onClose={() => setEditing(null)} />}
      {deleting && <DeleteModal entry={deleting} onClose={() => setDeleting(null)} />}
    </Space>
  );
}

function ZeroResults({ onAdd }: { onAdd: (word?: string) => void }) {
  const q = useQuery({
    queryKey: ['operator', 'zero-results'],
    queryFn: ({ signal }) => api.get<ZeroResult[]>('/operator/search/zero-results', { limit: 50 }, signal),
  });
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  return (
    <Card styles={{ body: { padding: 0 } }}>
      <ResponsiveTable<ZeroResult>
        rowKey="query"
        aria-label="无结果检索词"
        loading={q.isFetching}
        dataSource={q.data ?? []}
        locale={{ emptyText: '近 30 天没有无结果的检索' }}
        pagination={false}
        columns={[
          { title: '检索词（已去掉虚词）', dataIndex: 'query' },
          { title: '次数', dataIndex: 'count' },
          { title: '最近一次', dataIndex: 'lastAt', render: (v: string) => formatDateTime(v) },
          {
            title: '操作',
            key: 'actions',
            render: (_, z) => (
              <Button size="small" onClick={() => onAdd(z.query)} aria-label={`为「${z.query}」新增词条`}>
                加入同义词库
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

export default function OperatorSearch() {
  const [adding, setAdding] = useState<{ word?: string } | null>(null);
  const onAdd = (word?: string) => setAdding({ word });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        检索词库
      </Typography.Title>
      <Typography.Text type="secondary">
        同义词在检索时展开，修改后下一次检索即生效，无需重建索引；每次修改记录操作人、时间、内容与原因。
      </Typography.Text>
      <Tabs
        items={[
          { key: 'thesaurus', label: '同义词库', children: <Thesaurus onAdd={onAdd} /> },
          { key: 'zero', label: '无结果检索词（近 30 天）', children: <ZeroResults onAdd={onAdd} /> },
        ]}
      />
      {adding && <EntryModal entry={null} firstWord={adding.word} onClose={() => setAdding(null)} />}
    </Space>
  );
}
