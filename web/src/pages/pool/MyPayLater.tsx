// 先用后付: for an enterprise, its applications and licences; for an institution, its inbox of
// applications and the licences it granted.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Select, Space, Tabs, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import {
  PAYLATER_APPLICATION_STATUS_LABELS,
  PAYLATER_LICENCE_STATUS_LABELS,
} from '../../../../domain/constants/pool.js';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { useAuth } from '../../auth.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate, formatDateTime, optionsOf } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import { ApplicationStatusTag, describeTerms, PaymentStateTag } from './terms.js';
import type { Application, Licence } from './types.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';

function Applications({ institution }: { institution: boolean }) {
  const { get, getInt, set } = useUrlState();
  const status = get('status');
  const page = getInt('page', 1);
  const query = { status, page, pageSize: 20 };
  const q = useQuery({
    queryKey: ['paylater', 'applications', query],
    queryFn: ({ signal }) => api.get<Page<Application>>('/paylater/applications', query, signal),
    placeholderData: keepPreviousData,
  });
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select
        aria-label="按状态筛选"
        allowClear
        placeholder="全部状态"
        style={{ width: 240 }}
        value={status}
        options={optionsOf(PAYLATER_APPLICATION_STATUS_LABELS)}
        onChange={(v) => set({ status: v })}
      />
      <Card styles={{ body: { padding: 0 } }}>
        <ResponsiveTable<Application>
          rowKey="id"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: institution ? '暂未收到先用后付申请' : '还没有提交先用后付申请' }}
          pagination={{
            current: page,
            pageSize: 20,
            total: q.data?.total ?? 0,
            onChange: (p) => set({ page: p }),
          }}
          columns={[
            {
              title: '成果',
              key: 'result',
              render: (_, a) => <Link to={`/my/paylater/applications/${a.id}`}>{a.result.title}</Link>,
            },
            {
              title: institution ? '申请企业' : '科研单位',
              key: 'party',
              render: (_, a) => (institution ? a.enterprise.name : a.institution.name),
            },
            { title: '当前条件', key: 'terms', render: (_, a) => describeTerms(a.terms) },
            { title: '状态', dataIndex: 'status', render: (_, a) => <ApplicationStatusTag status={a.status} /> },
            { title: '更新时间', dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Card>
    </Space>
  );
}

function Licences({ institution }: { institution: boolean }) {
  const { getInt, set } = useUrlState();
  const page = getInt('page', 1);
  const q = useQuery({
    queryKey: ['paylater', 'licences', page],
    queryFn: ({ signal }) => api.get<Page<Licence>>('/paylater/licences', { page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  return (
    <Card styles={{ body: { padding: 0 } }}>
      <ResponsiveTable<Licence>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '暂无先使用后付费许可' }}
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: (p) => set({ page: p }) }}
        columns={[
          {
            title: '成果',
            key: 'result',
            render: (_, l) => <Link to={`/my/paylater/licences/${l.id}`}>{l.result.title}</Link>,
          },
          {
            title: institution ? '被许可企业' : '许可方',
            key: 'party',
            render: (_, l) => (institution ? l.enterprise.name : l.institution.name),
          },
          { title: '签约日', dataIndex: 'signedOn', render: (v: string) => formatDate(v) },
          { title: '状态', dataIndex: 'status', render: (v: Licence['status']) => PAYLATER_LICENCE_STATUS_LABELS[v] },
          {
            title: '下一笔款项',
            key: 'next',
            render: (_, l) => {
              const next = l.payments.find((p) => p.state !== 'paid');
              return next ? (
                <Space size={4}>
                  {formatDate(next.dueOn)}
                  <PaymentStateTag state={next.state} />
                </Space>
              ) : (
                '已全部结清'
              );
            },
          },
        ]}
      />
    </Card>
  );
}

export default function MyPayLater() {
  const { role } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const tab = location.pathname.endsWith('/licences') ? 'licences' : 'applications';
  const institution = role === 'institution';

  useEffect(() => {
    document.title = '先用后付 - 辽宁揭榜挂帅';
  }, []);

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        先用后付
      </Typography.Title>
      <Typography.Text type="secondary">
        {institution
          ? '企业就本单位在池成果提出的先使用后付费申请：可以接受、还价或拒绝；达成的许可在“许可与付款”中登记收款。'
          : '本企业的先使用后付费申请与许可。可在成果池中选择成果申请（措施五，限中小微企业）。'}
      </Typography.Text>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(key === 'licences' ? '/my/paylater/licences' : '/my/paylater')}
        items={[
          { key: 'applications', label: institution ? '收到的申请' : '我的申请' },
          { key: 'licences', label: '许可与付款' },
        ]}
      />
      {tab === 'licences' ? <Licences institution={institution} /> : <Applications institution={institution} />}
    </Space>
  );
}
