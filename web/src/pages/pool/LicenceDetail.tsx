// A pay-later licence and its payment schedule. The institution records payments received; the
// licensee reports its first sales when the payment time is counted from them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { PAYLATER_LICENCE_STATUS_LABELS, PAYMENT_KIND_LABELS } from '../../../../domain/constants/pool.js';
import { api, ApiError, errorText } from '../../api/client.js';
import { useAuth } from '../../auth.js';
import { ButtonLink } from '../../components/ButtonLink.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { dayjs, fenToWan, formatDate, formatFen, todayInShanghai, wanToFen } from '../../format.js';
import { useToast } from '../../toast.js';
import { describeTerms, PaymentStateTag } from './terms.js';
import type { Licence, Payment } from './types.js';
import { NotFoundResult } from '../../components/NotFoundResult.js';

const notFuture = (d: Dayjs) => d.format('YYYY-MM-DD') > todayInShanghai();

function ReceiptModal({
  licence,
  payment,
  onClose,
}: {
  licence: Licence;
  payment: Payment | null;
  onClose: () => void;
}) {
  const message = useToast();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ receivedOn: Dayjs; amountWan: number | null; note?: string }>();
  useEffect(() => {
    if (payment)
      form.setFieldsValue({ receivedOn: dayjs(todayInShanghai()), amountWan: fenToWan(payment.amountFen), note: '' });
  }, [payment, form]);
  const save = useMutation({
    mutationFn: (v: { receivedOn: Dayjs; amountWan: number | null; note?: string }) =>
      api.post<Licence>(`/paylater/licences/${licence.id}/payments/${payment!.id}/received`, {
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        amountFen: wanToFen(v.amountWan),
        note: v.note?.trim() ?? '',
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['paylater', 'licence', licence.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['paylater', 'licences'] });
      message.success(updated.status === 'completed' ? '已登记收款，许可费用已全部结清' : '已登记收款');
      onClose();
    },
    onError: (err) => message.error(errorText(err)),
  });
  return (
    <Modal
      open={payment !== null}
      title={payment ? `登记收款：第 ${payment.seq} 期${PAYMENT_KIND_LABELS[payment.kind]}` : ''}
      okText="登记"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" name="receipt" onFinish={(v) => save.mutate(v)}>
        <Form.Item label="收款日期" name="receivedOn" rules={[{ required: true, message: '请选择收款日期' }]}>
          <DatePicker disabledDate={notFuture} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item
          label="实收金额（万元）"
          name="amountWan"
          extra={payment?.kind === 'royalty' ? '销售提成按实际销售额计算，须填写实收金额' : undefined}
          rules={[{ required: payment?.kind === 'royalty', message: '请填写实收金额' }]}
        >
          <InputNumber min={0} max={100_000_000} precision={4} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item label="备注" name="note" rules={[{ max: 500, message: '备注不超过500字' }]}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FirstSales({ licence }: { licence: Licence }) {
  const message = useToast();
  const queryClient = useQueryClient();
  const [day, setDay] = useState<Dayjs | null>(null);
  const report = useMutation({
    mutationFn: (d: Dayjs) =>
      api.post<Licence>(`/paylater/licences/${licence.id}/first-sales`, { firstSalesOn: d.format('YYYY-MM-DD') }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['paylater', 'licence', licence.id], updated);
      message.success('已登记首次销售日期，付款计划已更新');
    },
    onError: (err) => message.error(errorText(err)),
  });
  return (
    <Alert
      type="info"
      showIcon
      title="支付时间自首次销售起算"
      description={
        <Space wrap>
          实现首次销售后请登记日期，付款计划随即确定到期日。
          <DatePicker aria-label="首次销售日期" value={day} onChange={setDay} disabledDate={notFuture} />
          <Button type="primary" disabled={!day} loading={report.isPending} onClick={() => day && report.mutate(day)}>
            登记首次销售
          </Button>
        </Space>
      }
    />
  );
}

export default function LicenceDetail() {
  const { id = '' } = useParams();
  const { session } = useAuth();
  const [receiving, setReceiving] = useState<Payment | null>(null);
  const q = useQuery({
    queryKey: ['paylater', 'licence', id],
    queryFn: ({ signal }) => api.get<Licence>(`/paylater/licences/${encodeURIComponent(id)}`, undefined, signal),
  });

  useEffect(() => {
    document.title = '先使用后付费许可 - 辽宁揭榜挂帅';
  }, []);

  if (q.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (q.isError) {
    if (q.error instanceof ApiError && q.error.status === 404) {
      return (
        <NotFoundResult title={q.error.message} extra={<ButtonLink to="/my/paylater/licences">返回</ButtonLink>} />
      );
    }
    return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  }
  const l = q.data;
  const orgId = session?.organisation?.id;
  const isInstitution = orgId === l.institution.id;
  const isLicensee = orgId === l.enterprise.id;
  const overdue = l.payments.filter((p) => p.state === 'overdue');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 1000 }}>
      {session?.role !== 'operator' && <Link to="/my/paylater/licences">← 许可与付款</Link>}
      <Space wrap align="center">
        <Typography.Title level={1} style={{ margin: 0 }}>
          先使用后付费许可：{l.result.title}
        </Typography.Title>
        <Tag color={l.status === 'completed' ? 'success' : 'processing'}>
          {PAYLATER_LICENCE_STATUS_LABELS[l.status]}
        </Tag>
      </Space>
      {overdue.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={`有 ${overdue.length} 笔款项已逾期`}
          description={isLicensee ? '请尽快按约定支付，或与科研单位协商。' : '平台运营方已收到逾期提示。'}
        />
      )}
      <Panel title="许可条件">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'institution', label: '许可方（科研单位）', children: l.institution.name },
            { key: 'enterprise', label: '被许可方（企业）', children: l.enterprise.name },
            { key: 'signed', label: '签约日', children: formatDate(l.signedOn) },
            { key: 'firstSales', label: '首次销售日', children: formatDate(l.firstSalesOn) },
            { key: 'terms', label: '约定条件', children: describeTerms(l.terms), span: 2 },
            { key: 'conditions', label: '支付条件', children: l.terms.paymentConditions, span: 2 },
          ]}
        />
      </Panel>
      {isLicensee && l.terms.paymentTiming === 'after_first_sales' && l.firstSalesOn === null && (
        <FirstSales licence={l} />
      )}
      <Panel title="付款计划">
        <Table<Payment>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={l.payments}
          scroll={{ x: 'max-content' }}
          aria-label="付款计划"
          columns={[
            { title: '期次', dataIndex: 'seq', render: (v: number) => `第 ${v} 期` },
            { title: '款项', dataIndex: 'kind', render: (v: Payment['kind']) => PAYMENT_KIND_LABELS[v] },
            {
              title: '应付金额',
              dataIndex: 'amountFen',
              render: (v: number | null, p) =>
                v === null ? (p.kind === 'royalty' ? '按销售额计算' : '—') : formatFen(v),
            },
            {
              title: '到期日',
              dataIndex: 'dueOn',
              render: (v: string | null) => (v ? formatDate(v) : '首次销售后确定'),
            },
            { title: '状态', dataIndex: 'state', render: (_, p) => <PaymentStateTag state={p.state} /> },
            {
              title: '收款',
              key: 'paid',
              render: (_, p) =>
                p.state === 'paid' ? (
                  `${formatDate(p.paidOn)} 实收 ${formatFen(p.paidAmountFen)}${p.paidNote ? `（${p.paidNote}）` : ''}`
                ) : isInstitution ? (
                  <Button size="small" onClick={() => setReceiving(p)} aria-label={`登记第 ${p.seq} 期收款`}>
                    登记收款
                  </Button>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Panel>
      {isInstitution && <ReceiptModal licence={l} payment={receiving} onClose={() => setReceiving(null)} />}
    </Space>
  );
}
