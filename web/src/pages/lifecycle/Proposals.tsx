// 揭榜 (措施八): verified institutions submit a proposal (team, approach, timeline, quote) until the
// demand's deadline; only the demand's enterprise and operators read them all. The enterprise awards
// one or more during selection; both sides of an awarded proposal confirm landing; an operator then
// confirms the reward post-subsidy eligibility.
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { PROPOSAL_STATUS_LABELS } from '../../../../domain/constants/lifecycle.js';
import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FormSubmit } from '../../components/FormSubmit.js';
import { Panel } from '../../components/Panel.js';
import { formatDateTime, formatFen, wanToFen } from '../../format.js';
import { textRule, useLifecycleAction, useViewer, type Viewer } from './shared.js';
import type { LifecycleListing, Proposal, Reward } from './types.js';

const STATUS_COLORS = { submitted: 'blue', withdrawn: 'default', awarded: 'green', not_selected: 'default' } as const;

interface ProposalFormValues {
  team: string;
  approach: string;
  timeline: string;
  quoteWan: number | null;
}

function ProposalForm({ listingId }: { listingId: string }) {
  const [form] = Form.useForm<ProposalFormValues>();
  const submit = useLifecycleAction(
    listingId,
    (v: ProposalFormValues) =>
      api.post<Proposal>(`/listings/${listingId}/proposals`, {
        team: v.team.trim(),
        approach: v.approach.trim(),
        timeline: v.timeline.trim(),
        quoteFen: wanToFen(v.quoteWan),
      }),
    {
      success: '揭榜方案已提交',
      invalidate: [['proposals', listingId], ['my-proposals']],
      onDone: () => form.resetFields(),
    },
  );
  return (
    <Form<ProposalFormValues>
      form={form}
      layout="vertical"
      name="proposal"
      onFinish={(v) => submit.mutate(v)}
      disabled={submit.isPending}
    >
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        提交揭榜方案
      </Typography.Title>
      <Form.Item label="团队" name="team" rules={[textRule('团队介绍', 2, 2000)]}>
        <Input.TextArea rows={2} maxLength={2000} placeholder="负责人、核心成员及其相关成果" />
      </Form.Item>
      <Form.Item label="技术方案" name="approach" rules={[textRule('技术方案', 10, 10_000)]}>
        <Input.TextArea rows={5} maxLength={10_000} showCount placeholder="技术路线、关键指标、可交付成果" />
      </Form.Item>
      <Form.Item label="进度安排" name="timeline" rules={[textRule('进度安排', 2, 2000)]}>
        <Input.TextArea rows={2} maxLength={2000} placeholder="例如：6个月完成样机，12个月完成中试" />
      </Form.Item>
      <Form.Item label="报价（万元）" name="quoteWan" rules={[{ required: true, message: '请填写报价' }]}>
        <InputNumber min={0} max={1_000_000} precision={4} style={{ width: 200 }} />
      </Form.Item>
      <FormSubmit mutation={submit}>提交方案</FormSubmit>
    </Form>
  );
}

function ProposalDetails({ p }: { p: Proposal }) {
  return (
    <Descriptions
      size="small"
      column={1}
      items={[
        { key: 'team', label: '团队', children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.team}</span> },
        { key: 'approach', label: '技术方案', children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.approach}</span> },
        { key: 'timeline', label: '进度安排', children: p.timeline },
        { key: 'quote', label: '报价', children: formatFen(p.quoteFen) },
      ]}
    />
  );
}

function LandingState({ p }: { p: Proposal }) {
  if (p.status !== 'awarded') return null;
  return (
    <Space wrap>
      <Tag color={p.enterpriseConfirmedAt ? 'green' : 'default'}>
        需求企业{p.enterpriseConfirmedAt ? `已确认落地 ${formatDateTime(p.enterpriseConfirmedAt)}` : '未确认落地'}
      </Tag>
      <Tag color={p.institutionConfirmedAt ? 'green' : 'default'}>
        揭榜单位{p.institutionConfirmedAt ? `已确认落地 ${formatDateTime(p.institutionConfirmedAt)}` : '未确认落地'}
      </Tag>
    </Space>
  );
}

function ProposalActions({ p, listing, viewer }: { p: Proposal; listing: LifecycleListing; viewer: Viewer }) {
  const invalidate = [['proposals', listing.id], ['my-proposals']];
  const withdraw = useLifecycleAction(listing.id, () => api.post<Proposal>(`/proposals/${p.id}/withdraw`), {
    success: '方案已撤回',
    invalidate,
  });
  const confirm = useLifecycleAction(listing.id, () => api.post<Proposal>(`/proposals/${p.id}/confirm-landing`), {
    success: '已确认项目落地',
    invalidate,
  });
  const mine = viewer.orgId === p.organisation.id;
  const landingOpen = p.status === 'awarded' && (listing.status === 'awarded' || listing.status === 'landed');
  const enterpriseMayConfirm = landingOpen && viewer.isOwner && !p.enterpriseConfirmedAt;
  const institutionMayConfirm = landingOpen && mine && !p.institutionConfirmedAt;
  return (
    <Space wrap>
      {mine && p.status === 'submitted' && listing.status === 'open' && (
        <Popconfirm
          title="确认撤回该揭榜方案？"
          okText="撤回"
          cancelText="取消"
          onConfirm={() => withdraw.mutate(undefined)}
        >
          <Button danger size="small" loading={withdraw.isPending}>
            撤回方案
          </Button>
        </Popconfirm>
      )}
      {(enterpriseMayConfirm || institutionMayConfirm) && (
        <Popconfirm
          title="确认该揭榜项目已经落地？"
          okText="确认落地"
          cancelText="取消"
          onConfirm={() => confirm.mutate(undefined)}
        >
          <Button type="primary" size="small" loading={confirm.isPending}>
            确认落地 {p.organisation.name}
          </Button>
        </Popconfirm>
      )}
      {withdraw.isError && <ErrorAlert error={withdraw.error} />}
      {confirm.isError && <ErrorAlert error={confirm.error} />}
    </Space>
  );
}

function AwardForm({ listing, proposals }: { listing: LifecycleListing; proposals: Proposal[] }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [touched, setTouched] = useState(false);
  const award = useLifecycleAction(
    listing.id,
    (ids: string[]) => api.post(`/listings/${listing.id}/award`, { proposalIds: ids }),
    { success: '已定榜', invalidate: [['proposals', listing.id]] },
  );
  const candidates = proposals.filter((p) => p.status === 'submitted');
  if (candidates.length === 0) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>定榜：选定一个或多个方案，其余方案将标为未入选。</Typography.Text>
      <Checkbox.Group value={chosen} onChange={(v) => setChosen(v as string[])}>
        <Space orientation="vertical">
          {candidates.map((p) => (
            <Checkbox key={p.id} value={p.id}>
              选定 {p.organisation.name}（报价 {formatFen(p.quoteFen)}）
            </Checkbox>
          ))}
        </Space>
      </Checkbox.Group>
      {touched && chosen.length === 0 && <Typography.Text type="danger">请至少选定一个方案</Typography.Text>}
      {award.isError && <ErrorAlert error={award.error} />}
      <Popconfirm
        title={`确认选定 ${chosen.length} 个方案并定榜？`}
        description="定榜后不能更改。"
        okText="确认定榜"
        cancelText="取消"
        disabled={chosen.length === 0}
        onConfirm={() => award.mutate(chosen)}
      >
        <Button type="primary" loading={award.isPending} onClick={() => setTouched(true)}>
          定榜
        </Button>
      </Popconfirm>
    </Space>
  );
}

function RewardPanel({ listing, viewer }: { listing: LifecycleListing; viewer: Viewer }) {
  const [form] = Form.useForm<{ note?: string }>();
  const q = useQuery({
    queryKey: ['reward', listing.id],
    queryFn: ({ signal }) => api.get<Reward>(`/listings/${listing.id}/reward`, undefined, signal),
  });
  const confirm = useLifecycleAction(
    listing.id,
    (v: { note?: string }) =>
      api.post<Reward>(`/operator/listings/${listing.id}/confirm-reward`, { note: v.note?.trim() ?? '' }),
    { success: '已确认奖励性后补助资格', invalidate: [['reward', listing.id]] },
  );
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const r = q.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
        奖励性后补助（措施八）
      </Typography.Title>
      {r?.confirmed ? (
        <Alert
          type="success"
          showIcon
          title={`已确认具备奖励性后补助资格（${formatDateTime(r.confirmedAt)}）`}
          description={r.note || undefined}
        />
      ) : (
        <Typography.Text type="secondary">揭榜项目已落地，待平台运营方确认奖励性后补助资格。</Typography.Text>
      )}
      {viewer.isOperator && r && !r.confirmed && (
        <Form
          form={form}
          layout="vertical"
          name="reward"
          onFinish={(v) => confirm.mutate(v)}
          disabled={confirm.isPending}
        >
          <Form.Item label="确认说明" name="note" rules={[{ max: 1000, message: '说明不超过1000字' }]}>
            <Input.TextArea rows={2} maxLength={1000} placeholder="例如：已核验双方落地确认及合同" />
          </Form.Item>
          <FormSubmit mutation={confirm}>确认奖励资格</FormSubmit>
        </Form>
      )}
    </Space>
  );
}

export function ProposalsPanel({ listing }: { listing: LifecycleListing }) {
  const viewer = useViewer(listing);
  const q = useQuery({
    queryKey: ['proposals', listing.id],
    queryFn: ({ signal }) => api.get<{ items: Proposal[] }>(`/listings/${listing.id}/proposals`, undefined, signal),
    enabled: viewer.signedIn && viewer.role !== null,
  });
  const items = q.data?.items ?? [];
  const mineActive = items.some((p) => p.organisation.id === viewer.orgId && p.status !== 'withdrawn');
  const open = listing.status === 'open';
  // Only once the proposals are loaded: while they load, `mineActive` is unknown and the form would
  // flash for an institution that has already proposed.
  const canPropose = q.isSuccess && open && viewer.role === 'institution' && !mineActive;
  const seesAll = viewer.isOwner || viewer.isOperator;
  // Proposals are private to the demand's enterprise, operators and each proposer; once the demand
  // is closed, a visitor has nothing here but the reward status of a landed demand.
  if (!open && !viewer.signedIn && listing.status !== 'landed') return null;

  return (
    <Panel title="揭榜方案">
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        {open && (
          <Typography.Text type="secondary">
            已认证的科研单位可在揭榜截止前提交方案；方案仅需求企业和平台运营方可见。
          </Typography.Text>
        )}
        {open && !viewer.signedIn && <Typography.Text>请以已认证科研单位账号登录后揭榜。</Typography.Text>}
        {q.isError && <ErrorAlert error={q.error} onRetry={() => q.refetch()} />}
        {viewer.signedIn && (seesAll || items.length > 0) && (
          <List
            header={
              <Typography.Text strong>{seesAll ? `收到的方案（${items.length}）` : '本单位的方案'}</Typography.Text>
            }
            loading={q.isPending}
            dataSource={items}
            locale={{ emptyText: '暂未收到揭榜方案' }}
            renderItem={(p) => (
              <List.Item key={p.id}>
                <Space orientation="vertical" style={{ width: '100%' }} aria-label={`${p.organisation.name}的揭榜方案`}>
                  <Space wrap>
                    <Typography.Text strong>{p.organisation.name}</Typography.Text>
                    <Tag color={STATUS_COLORS[p.status]}>{PROPOSAL_STATUS_LABELS[p.status]}</Tag>
                    <Typography.Text type="secondary">{formatDateTime(p.createdAt)}</Typography.Text>
                  </Space>
                  <ProposalDetails p={p} />
                  <LandingState p={p} />
                  <ProposalActions p={p} listing={listing} viewer={viewer} />
                </Space>
              </List.Item>
            )}
          />
        )}
        {listing.status === 'selecting' && viewer.isOwner && <AwardForm listing={listing} proposals={items} />}
        {canPropose && <ProposalForm listingId={listing.id} />}
        {listing.status === 'landed' && <RewardPanel listing={listing} viewer={viewer} />}
      </Space>
    </Panel>
  );
}
