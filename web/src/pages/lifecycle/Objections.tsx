// 公示与异议 (措施四): during the notice the institution's own staff and any verified organisation but
// the named counterparty may object (reason required); the owner answers; the objector may withdraw (a
// staff objection only its filer); an operator may dismiss an abusive objection. After a notice with a
// standing objection the institution decides (ObjectionDecision.tsx). The api decides who sees which
// objections (staff objections: the institution and operators only); this panel shows what it returns.
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { OBJECTION_STATUS_LABELS } from '../../../../domain/constants/lifecycle.js';
import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FormSubmit } from '../../components/FormSubmit.js';
import { Panel } from '../../components/Panel.js';
import { useFormName } from '../../components/form-id.js';
import { formatDateTime } from '../../format.js';
import { textRule, useLifecycleAction, useViewer } from './shared.js';
import type { LifecycleListing, Objection } from './types.js';

const STATUS_COLORS = { standing: 'orange', withdrawn: 'default', dismissed: 'red' } as const;

function ObjectionForm({ listingId }: { listingId: string }) {
  const [form] = Form.useForm<{ reason: string }>();
  const file = useLifecycleAction(
    listingId,
    (v: { reason: string }) => api.post<Objection>(`/listings/${listingId}/objections`, { reason: v.reason.trim() }),
    { success: '异议已提交', invalidate: [['objections', listingId]], onDone: () => form.resetFields() },
  );
  return (
    <Form form={form} layout="vertical" name="objection" onFinish={(v) => file.mutate(v)} disabled={file.isPending}>
      <Form.Item label="异议理由" name="reason" rules={[textRule('异议理由', 5, 2000)]}>
        <Input.TextArea
          rows={3}
          maxLength={2000}
          showCount
          placeholder="请说明异议的事实和依据，例如：拟交易价格明显低于同类成果市场价格"
        />
      </Form.Item>
      <FormSubmit mutation={file}>提交异议</FormSubmit>
    </Form>
  );
}

function TextAction({
  listingId,
  url,
  label,
  button,
  success,
  field,
  min,
  max,
  onClose,
}: {
  listingId: string;
  url: string;
  label: string;
  button: string;
  success: string;
  field: 'text' | 'reason';
  min: number;
  max: number;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ value: string }>();
  const formName = useFormName('objection-reply');
  const act = useLifecycleAction(
    listingId,
    (v: { value: string }) => api.post<Objection>(url, { [field]: v.value.trim() }),
    { success, invalidate: [['objections', listingId]], onDone: onClose },
  );
  return (
    <Form form={form} name={formName} layout="vertical" onFinish={(v) => act.mutate(v)} disabled={act.isPending}>
      <Form.Item label={label} name="value" rules={[textRule(label, min, max)]}>
        <Input.TextArea rows={2} maxLength={max} />
      </Form.Item>
      {act.isError && (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={act.error} />
        </div>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={act.isPending}>
          {button}
        </Button>
        <Button onClick={onClose}>取消</Button>
      </Space>
    </Form>
  );
}

function ObjectionItem({
  o,
  listing,
  noticeRunning,
}: {
  o: Objection;
  listing: LifecycleListing;
  noticeRunning: boolean;
}) {
  const viewer = useViewer(listing);
  const [open, setOpen] = useState<'respond' | 'dismiss' | null>(null);
  const withdraw = useLifecycleAction(listing.id, () => api.post<Objection>(`/objections/${o.id}/withdraw`), {
    success: '异议已撤回',
    invalidate: [['objections', listing.id]],
  });
  // Objections to an earlier notice of a re-noticed listing closed with it.
  const standing = o.status === 'standing' && o.noticeRound === (listing.noticeRound ?? 1);
  const mine = o.internal ? o.filedByYou : viewer.orgId === o.organisation.id;
  return (
    <List.Item>
      <Space orientation="vertical" style={{ width: '100%' }} aria-label={`${o.organisation.name}的异议`}>
        <Space wrap>
          <Typography.Text strong>{o.organisation.name}</Typography.Text>
          {o.internal && <Tag color="geekblue">本单位人员</Tag>}
          <Tag color={STATUS_COLORS[o.status]}>{OBJECTION_STATUS_LABELS[o.status]}</Tag>
          {o.noticeRound !== (listing.noticeRound ?? 1) && <Tag>第{o.noticeRound}次公示</Tag>}
          <Typography.Text type="secondary">{formatDateTime(o.createdAt)}</Typography.Text>
        </Space>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{o.reason}</Typography.Paragraph>
        {o.responseText && (
          <Typography.Paragraph style={{ margin: 0, paddingLeft: 12, borderLeft: '3px solid #d6e4ff' }}>
            发布单位答复（{formatDateTime(o.respondedAt)}）：{o.responseText}
          </Typography.Paragraph>
        )}
        {o.dismissalReason && <Typography.Text type="danger">平台驳回理由：{o.dismissalReason}</Typography.Text>}
        {noticeRunning && standing && open === null && (
          <Space wrap>
            {viewer.isOwner && !o.responseText && (
              <Button size="small" onClick={() => setOpen('respond')}>
                答复异议
              </Button>
            )}
            {mine && (
              <Button size="small" danger loading={withdraw.isPending} onClick={() => withdraw.mutate(undefined)}>
                撤回异议
              </Button>
            )}
            {viewer.isOperator && (
              <Button size="small" danger onClick={() => setOpen('dismiss')}>
                驳回异议
              </Button>
            )}
          </Space>
        )}
        {withdraw.isError && <ErrorAlert error={withdraw.error} />}
        {open === 'respond' && (
          <TextAction
            listingId={listing.id}
            url={`/objections/${o.id}/response`}
            label="答复内容"
            button="提交答复"
            success="答复已提交"
            field="text"
            min={5}
            max={2000}
            onClose={() => setOpen(null)}
          />
        )}
        {open === 'dismiss' && (
          <TextAction
            listingId={listing.id}
            url={`/operator/objections/${o.id}/dismiss`}
            label="驳回理由"
            button="确认驳回"
            success="异议已驳回"
            field="reason"
            min={5}
            max={1000}
            onClose={() => setOpen(null)}
          />
        )}
      </Space>
    </List.Item>
  );
}

export function ObjectionsPanel({ listing }: { listing: LifecycleListing }) {
  const viewer = useViewer(listing);
  const noticeRunning = listing.status === 'notice';
  const round = listing.noticeRound ?? 1;
  // 在本单位公示: the institution's staff may object; the named counterparty may not.
  const isCounterparty = !!viewer.orgId && viewer.orgId === listing.counterpartyOrgId;
  const mayObject = (viewer.isOtherMember || viewer.isOwner) && !isCounterparty;
  const q = useQuery({
    queryKey: ['objections', listing.id],
    queryFn: ({ signal }) => api.get<{ items: Objection[] }>(`/listings/${listing.id}/objections`, undefined, signal),
    enabled: viewer.signedIn,
  });
  const items = q.data?.items ?? [];
  // After the notice, objections concern only those who may read them.
  if (!viewer.signedIn && !noticeRunning) return null;
  const alreadyObjected = items.some(
    (o) =>
      o.noticeRound === round &&
      (viewer.isOwner ? o.internal && o.filedByYou : !o.internal && o.organisation.id === viewer.orgId),
  );

  return (
    <Panel title="公示异议">
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        {noticeRunning && (
          <Typography.Text type="secondary">
            公示期内，本单位人员和已认证的单位（拟受让方除外）可对成果名称、拟交易价格等公示内容提出异议；公示期满仍有异议的，由发布单位决定挂牌交易、调整价格重新公示或撤回（措施四）。
          </Typography.Text>
        )}
        {!viewer.signedIn && noticeRunning && <Typography.Text>请登录后提出或查看异议。</Typography.Text>}
        {q.isError && <ErrorAlert error={q.error} onRetry={() => q.refetch()} />}
        {viewer.signedIn && (
          <List
            loading={q.isPending}
            dataSource={items}
            locale={{ emptyText: viewer.isOwner || viewer.isOperator ? '暂无异议' : '本单位未提出异议' }}
            renderItem={(o) => <ObjectionItem key={o.id} o={o} listing={listing} noticeRunning={noticeRunning} />}
          />
        )}
        {noticeRunning && mayObject && !alreadyObjected && <ObjectionForm listingId={listing.id} />}
        {noticeRunning && isCounterparty && (
          <Typography.Text type="secondary">贵单位为拟受让方，不能对本项目的公示提出异议。</Typography.Text>
        )}
      </Space>
    </Panel>
  );
}
