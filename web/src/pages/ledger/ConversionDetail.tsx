// One conversion: its contract (with the 技术合同认定登记 fields), schedule, payments, royalty reports,
// equity, intermediary, implementation and reward eligibility. The institution keeps it up to date;
// the counterparty and operators read it; the enterprise confirms implementation (措施八).
import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import {
  CONVERSION_PRICE_BASIS_LABELS,
  CONVERSION_ROUTE_LABELS,
  CONVERSION_TYPE_LABELS,
  DEAL_ORIGIN_LABELS,
  EQUITY_STAKE_STATUS_LABELS,
  INTERMEDIARY_KIND_LABELS,
} from '../../../../domain/constants/ledger.js';
import { LICENCE_SCOPE_LABELS } from '../../../../domain/constants/listings.js';
import { api, ApiError } from '../../api/client.js';
import { useAuth } from '../../auth.js';
import { ButtonLink } from '../../components/ButtonLink.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { NotFoundResult } from '../../components/NotFoundResult.js';
import { Panel } from '../../components/Panel.js';
import { formatDate, formatFen, labelOf } from '../../format.js';
import { DocumentsPanel } from '../dossiers/DocumentsPanel.js';
import { ContractPanel } from './ContractPanel.js';
import { Implementation } from './Implementation.js';
import { PaymentsPanel } from './PaymentsPanel.js';
import { SchedulePanel } from './SchedulePanel.js';
import { ContractStatusTag, ledgerTitle } from './shared.js';
import type { ConversionDetail as Detail } from './types.js';

export const conversionKey = (id: string) => ['ledger', 'conversion', id];

const percent = (bp: number | null) => (bp === null ? '—' : `${bp / 100}%`);

function Overview({ c }: { c: Detail }) {
  return (
    <Panel title="转化概况">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'result',
            label: '成果',
            children: c.result ? c.result.title : '—',
          },
          { key: 'inst', label: '科研单位', children: c.institutionName },
          {
            key: 'cp',
            label: '对方',
            children: c.counterpartyCreditCode
              ? `${c.counterpartyName}（${c.counterpartyCreditCode}）`
              : c.counterpartyName,
          },
          {
            key: 'route',
            label: '转化途径',
            children: `${CONVERSION_ROUTE_LABELS[c.route]}${c.origin ? `：${DEAL_ORIGIN_LABELS[c.origin]}` : ''}`,
          },
          {
            key: 'type',
            label: '交易类型',
            children: `${CONVERSION_TYPE_LABELS[c.transactionType]}${c.licenseScope ? `（${LICENCE_SCOPE_LABELS[c.licenseScope]}）` : ''}`,
          },
          {
            key: 'price',
            label: '定价依据',
            children: `${CONVERSION_PRICE_BASIS_LABELS[c.priceBasis]}${c.boundPriceFen !== null ? `，约定价格 ${formatFen(c.boundPriceFen)}` : ''}`,
          },
          ...(c.basis ? [{ key: 'basis', label: '定价说明', children: c.basis, span: 2 }] : []),
          ...(c.evidenceRef ? [{ key: 'evidence', label: '证明材料编号', children: c.evidenceRef }] : []),
          { key: 'received', label: '累计收款', children: formatFen(c.receivedFen) },
        ]}
      />
    </Panel>
  );
}

function Equity({ c }: { c: Detail }) {
  if (!c.equity) return null;
  const e = c.equity;
  return (
    <Panel title="作价投资（股权）">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'company', label: '公司', children: `${e.companyName}（${e.companyCreditCode}）` },
          { key: 'stake', label: '持股', children: e.shares !== null ? `${e.shares} 股` : percent(e.stakeBp) },
          { key: 'valuation', label: '作价金额', children: formatFen(e.valuationFen) },
          { key: 'acquired', label: '取得日期', children: formatDate(e.acquiredOn) },
          { key: 'status', label: '状态', children: EQUITY_STAKE_STATUS_LABELS[e.status] },
        ]}
      />
    </Panel>
  );
}

function Intermediary({ c }: { c: Detail }) {
  if (!c.intermediaryKind) return null;
  const commission =
    c.intermediaryCommissionFen !== null
      ? formatFen(c.intermediaryCommissionFen)
      : c.intermediaryCommissionBp !== null
        ? `合同金额的 ${percent(c.intermediaryCommissionBp)}`
        : '未约定';
  return (
    <Panel title="中介服务（措施十、十一）">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'kind', label: '类型', children: labelOf(INTERMEDIARY_KIND_LABELS, c.intermediaryKind) },
          { key: 'name', label: '名称', children: c.intermediaryName ?? '—' },
          { key: 'commission', label: '约定佣金', children: commission },
        ]}
      />
    </Panel>
  );
}

/** 措施十四: the conversion's and its contract's evidence; the institution uploads, the parties read. */
function Documents({ c, editable }: { c: Detail; editable: boolean }) {
  return (
    <>
      <DocumentsPanel
        title="合同文件"
        subject="ledger/contracts"
        id={c.id}
        kinds={['contract', 'other']}
        editable={editable}
        label="合同文件"
      />
      <DocumentsPanel
        title="转化决策文件"
        subject="ledger/conversions"
        id={c.id}
        kinds={['decision_minutes', 'pricing_decision', 'appraisal_report', 'other']}
        editable={editable}
        label="转化决策文件"
      />
    </>
  );
}

export default function ConversionDetail() {
  const { id = '' } = useParams();
  const { session } = useAuth();
  const q = useQuery({
    queryKey: conversionKey(id),
    queryFn: ({ signal }) => api.get<Detail>(`/ledger/conversions/${encodeURIComponent(id)}`, undefined, signal),
  });
  useEffect(() => {
    document.title = ledgerTitle('转化详情');
  }, []);

  if (q.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (q.isError) {
    if (q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 403)) {
      return (
        <NotFoundResult title={q.error.message} extra={<ButtonLink to="/my/conversions">返回转化台账</ButtonLink>} />
      );
    }
    return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  }
  const c = q.data;
  const orgId = session?.organisation?.id;
  const isInstitution = session?.role === 'institution' && orgId === c.institutionId;
  const isCounterparty = orgId !== undefined && orgId === c.counterpartyOrgId;
  const overdue = c.schedule.filter((s) => s.state === 'overdue');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 1100 }}>
      {session?.role === 'operator' ? (
        <Link to="/operator/ledger-overdue">← 转化逾期款项</Link>
      ) : (
        <Link to="/my/conversions">← 转化台账</Link>
      )}
      <Space wrap align="center">
        <Typography.Title level={1} style={{ margin: 0 }}>
          {c.contract.title}
        </Typography.Title>
        <ContractStatusTag status={c.contract.status} />
        <Tag>{CONVERSION_ROUTE_LABELS[c.route]}</Tag>
        {isInstitution && <Link to={`/my/remuneration/conversions/${c.id}`}>费用与转化奖励</Link>}
      </Space>
      {overdue.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={`有 ${overdue.length} 笔款项已逾期`}
          description={
            isCounterparty ? '请尽快按合同约定支付，或与科研单位协商。' : '双方和平台运营方均已收到逾期提示。'
          }
        />
      )}
      <Overview c={c} />
      <ContractPanel c={c} editable={isInstitution} />
      <SchedulePanel c={c} editable={isInstitution} />
      <PaymentsPanel c={c} editable={isInstitution} />
      <Equity c={c} />
      <Intermediary c={c} />
      <Implementation c={c} isCounterparty={isCounterparty} />
      <Documents c={c} editable={isInstitution} />
    </Space>
  );
}
