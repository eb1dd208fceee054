// 赋权与权益让渡 of one result, for its institution (措施一、六、十四、十五): a new decision (its body,
// date and basis), the decisions so far with the team's answers (a pending one can be withdrawn), and
// the ownership-change formalities per IP item (filed → approved, with dates and evidence).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { IP_TYPE_LABELS, OWNERSHIP_MODE_LABELS } from '../../../../domain/constants/results.js';
import {
  FORMALITY_KIND_LABELS,
  FORMALITY_STATUS_LABELS,
  RIGHTS_GRANT_KIND_LABELS,
  RIGHTS_GRANT_KINDS,
  type RightsGrantKind,
} from '../../../../domain/constants/rights.js';
import { earliestLongTermUseEnd } from '../../../../domain/results.js';
import { api } from '../../api/client.js';
import type { Formality, Grant, ResearchResult } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { dayjs, formatFen, labelOf, todayInShanghai } from '../../format.js';
import { useToast } from '../../toast.js';
import { FormalityStep, WithdrawButton } from './RightsActions.js';
import { GrantDescription, GrantDocuments } from './shared.js';

const BODIES = ['成果转化领导小组', '校长办公会', '院长办公会', '党委常委会', '所务会'].map((value) => ({ value }));
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

interface DecisionValues {
  kind: RightsGrantKind;
  institutionSharePct?: number;
  startsOn?: Dayjs;
  endsOn?: Dayjs;
  feeYuan?: number;
  feeDueOn?: Dayjs;
  companyName?: string;
  companyCreditCode?: string;
  agreedReturnPct?: number;
  decisionBody: string;
  decidedOn: Dayjs;
  basis: string;
}

function DecisionForm({ result, onDone }: { result: ResearchResult; onDone: () => void }) {
  const [form] = Form.useForm<DecisionValues>();
  const kind = Form.useWatch('kind', form) ?? 'co_ownership';
  const instPct = Form.useWatch('institutionSharePct', form);
  const extension = kind === 'long_term_use' && result.ownership === 'long_term_use';
  const message = useToast();
  const decide = useMutation({
    mutationFn: (v: DecisionValues) =>
      api.post<Grant>(`/results/${result.id}/rights/decisions`, {
        kind: v.kind,
        ...(v.kind === 'co_ownership'
          ? {
              institutionShareBp: Math.round((v.institutionSharePct ?? 0) * 100),
              teamShareBp: 10_000 - Math.round((v.institutionSharePct ?? 0) * 100),
            }
          : {}),
        ...(v.kind === 'long_term_use'
          ? { startsOn: extension ? undefined : day(v.startsOn), endsOn: day(v.endsOn) }
          : {}),
        ...(v.kind === 'share_transfer'
          ? { feeFen: Math.round((v.feeYuan ?? 0) * 100), feeDueOn: day(v.feeDueOn) }
          : {}),
        ...(v.kind === 'agreed_return'
          ? {
              companyName: v.companyName?.trim(),
              ...(v.companyCreditCode?.trim() ? { companyCreditCode: v.companyCreditCode.trim() } : {}),
              agreedReturnBp: Math.round((v.agreedReturnPct ?? 0) * 100),
            }
          : {}),
        decisionBody: v.decisionBody.trim(),
        decidedOn: day(v.decidedOn),
        basis: v.basis.trim(),
      }),
    onSuccess: () => {
      message.success('决定已发送成果完成人团队，全体关联成员接受后权属变更');
      form.resetFields();
      onDone();
    },
  });
  const sensitive = result.securityClass !== 'public';
  return (
    <Card title="作出决定">
      {sensitive && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="措施十五：涉及国家利益或涉密的成果不得赋权，平台将拒绝此类决定。"
        />
      )}
      <Form<DecisionValues>
        form={form}
        layout="vertical"
        aria-label="赋权或权益让渡决定"
        initialValues={{ kind: 'co_ownership', decidedOn: dayjs(todayInShanghai()) }}
        onFinish={(v) => decide.mutate(v)}
        disabled={decide.isPending}
      >
        <Form.Item label="决定类型" name="kind" rules={[{ required: true }]}>
          <Radio.Group options={RIGHTS_GRANT_KINDS.map((k) => ({ value: k, label: RIGHTS_GRANT_KIND_LABELS[k] }))} />
        </Form.Item>
        {kind === 'co_ownership' && (
          <Form.Item
            label="本单位份额"
            name="institutionSharePct"
            extra={`措施一：本单位与成果完成人（团队）共有，本单位份额须大于0；团队份额 ${instPct ? (100 - instPct).toFixed(2) : '—'}%`}
            rules={[{ required: true, message: '请填写本单位份额' }]}
          >
            <InputNumber min={0.01} max={99.99} precision={2} suffix="%" style={{ width: 200 }} />
          </Form.Item>
        )}
        {kind === 'long_term_use' && (
          <Space wrap>
            {extension ? (
              <Typography.Text>
                延长现有长期使用权（起始日 {result.longTermUseStartsOn}，现到期日 {result.longTermUseEndsOn}）
              </Typography.Text>
            ) : (
              <Form.Item label="起始日" name="startsOn" rules={[{ required: true, message: '请选择起始日' }]}>
                <DatePicker />
              </Form.Item>
            )}
            <Form.Item
              label="到期日"
              name="endsOn"
              extra="措施一：不少于10年"
              dependencies={['startsOn']}
              rules={[
                { required: true, message: '请选择到期日' },
                ({ getFieldValue }) => ({
                  validator: (_, end: Dayjs | null) => {
                    const start = extension
                      ? result.longTermUseStartsOn
                      : day(getFieldValue('startsOn') as Dayjs | null);
                    if (!end || !start) return Promise.resolve();
                    const earliest = earliestLongTermUseEnd(start);
                    return end.format('YYYY-MM-DD') < earliest
                      ? Promise.reject(new Error(`不得少于10年：到期日最早为${earliest}`))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker />
            </Form.Item>
          </Space>
        )}
        {kind === 'share_transfer' && (
          <Space wrap>
            <Form.Item label="资源占用费" name="feeYuan" rules={[{ required: true, message: '请填写资源占用费' }]}>
              <InputNumber min={0.01} precision={2} suffix="元" style={{ width: 220 }} />
            </Form.Item>
            <Form.Item label="应付日期" name="feeDueOn" rules={[{ required: true, message: '请选择应付日期' }]}>
              <DatePicker />
            </Form.Item>
          </Space>
        )}
        {kind === 'agreed_return' && (
          <Space wrap>
            <Form.Item
              label="公司名称"
              name="companyName"
              rules={[{ required: true, whitespace: true, message: '请填写公司名称' }]}
            >
              <Input maxLength={200} style={{ width: 280 }} />
            </Form.Item>
            <Form.Item label="统一社会信用代码（可选）" name="companyCreditCode">
              <Input maxLength={18} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item
              label="约定收益比例"
              name="agreedReturnPct"
              extra="本单位取得的未来股权收益份额（或有资产）"
              rules={[{ required: true, message: '请填写约定收益比例' }]}
            >
              <InputNumber min={0.01} max={100} precision={2} suffix="%" style={{ width: 200 }} />
            </Form.Item>
          </Space>
        )}
        <Space wrap>
          <Form.Item
            label="决定机构"
            name="decisionBody"
            rules={[{ required: true, whitespace: true, message: '请填写作出决定的机构' }]}
          >
            <AutoComplete options={BODIES} style={{ width: 240 }} placeholder="如：成果转化领导小组" />
          </Form.Item>
          <Form.Item label="决定日期" name="decidedOn" rules={[{ required: true, message: '请选择决定日期' }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item
          label="决定依据"
          name="basis"
          extra="措施十四：写明依据的制度条款、会议纪要等"
          rules={[{ required: true, whitespace: true, message: '请填写决定依据' }]}
        >
          <Input.TextArea rows={3} maxLength={4000} showCount />
        </Form.Item>
        {decide.isError && (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={decide.error} />
          </div>
        )}
        <Button type="primary" htmlType="submit" loading={decide.isPending}>
          发送团队接受
        </Button>
      </Form>
    </Card>
  );
}

export default function ResultRights() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const result = useQuery({ queryKey: ['result', id], queryFn: () => api.get<ResearchResult>(`/results/${id}`) });
  const rights = useQuery({
    queryKey: ['result-rights', id],
    queryFn: () => api.get<{ grants: Grant[]; formalities: Formality[] }>(`/results/${id}/rights`),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['result-rights', id] });
    void queryClient.invalidateQueries({ queryKey: ['result', id] });
  };
  if (result.isError) return <ErrorAlert error={result.error} onRetry={() => result.refetch()} />;
  if (!result.data) return <Skeleton active />;
  const r = result.data;
  const pending = rights.data?.grants.some((g) => g.status === 'pending');
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        赋权与权益让渡：{r.title}
      </Typography.Title>
      <Typography.Text>
        当前权属：<Tag data-ownership={r.ownership}>{labelOf(OWNERSHIP_MODE_LABELS, r.ownership)}</Tag>
        {r.ownership === 'co_owned' && r.coOwners.map((c) => `${c.name} ${(c.shareBp / 100).toFixed(2)}%`).join('，')}
        {r.ownership === 'long_term_use' && `${r.longTermUseStartsOn} 至 ${r.longTermUseEndsOn}`}
      </Typography.Text>
      <Alert
        type="info"
        showIcon
        title="决定经成果完成人团队中所有已关联账号的成员接受后，成果权属方才变更（措施一、六）"
        description="团队中没有成员关联科研人员账号的，决定无法发送：请先在“科研人员”中邀请完成人加入，并在成果的完成人团队中关联其账号。"
      />
      {pending ? (
        <Alert type="warning" showIcon title="已有一项决定待团队答复；答复或撤回后才能作出新的决定。" />
      ) : (
        <DecisionForm result={r} onDone={refresh} />
      )}
      <Card title="决定记录">
        {rights.isError ? (
          <ErrorAlert error={rights.error} />
        ) : (rights.data?.grants ?? []).length === 0 ? (
          <Typography.Text type="secondary">尚无赋权或权益让渡决定</Typography.Text>
        ) : (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {rights.data!.grants.map((g) => (
              <Card key={g.id} size="small" data-grant-id={g.id}>
                <GrantDescription g={g} />
                {g.conversionId && (
                  <Typography.Paragraph style={{ marginTop: 8 }}>
                    资源占用费 {formatFen(g.feeFen)} 已登记为转化台账应收款：
                    <Link to={`/my/conversions/${g.conversionId}`}>查看转化记录</Link>
                  </Typography.Paragraph>
                )}
                {g.status === 'pending' && <WithdrawButton g={g} onDone={refresh} />}
                <Typography.Title level={3} style={{ fontSize: 15, margin: '12px 0 8px' }}>
                  决定文件
                </Typography.Title>
                <GrantDocuments g={g} editable />
              </Card>
            ))}
          </Space>
        )}
      </Card>
      <Card title="权属变更手续（按知识产权逐项）">
        <ResponsiveTable<Formality>
          rowKey="id"
          size="small"
          pagination={false}
          loading={rights.isPending}
          dataSource={rights.data?.formalities ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无需要办理的权属变更手续' }}
          columns={[
            { title: '知识产权', key: 'ip', render: (_v, f) => `${IP_TYPE_LABELS[f.ipType]} ${f.ipNumber}` },
            { title: '手续', dataIndex: 'kind', render: (k: Formality['kind']) => FORMALITY_KIND_LABELS[k] },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: Formality['status']) => (
                <Tag color={s === 'approved' ? 'success' : 'processing'} data-formality-status={s}>
                  {FORMALITY_STATUS_LABELS[s]}
                </Tag>
              ),
            },
            {
              title: '提交',
              key: 'filed',
              render: (_v, f) => (f.filedOn ? `${f.filedOn}（${f.filedEvidenceRef}）` : '—'),
            },
            {
              title: '核准',
              key: 'approved',
              render: (_v, f) => (f.approvedOn ? `${f.approvedOn}（${f.approvedEvidenceRef}）` : '—'),
            },
            { title: '操作', key: 'actions', render: (_v, f) => <FormalityStep f={f} onDone={refresh} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
