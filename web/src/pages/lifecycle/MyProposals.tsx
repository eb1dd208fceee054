// 我的揭榜: the institution's proposals across demands, newest first; page in the URL.
import { Tag } from 'antd';
import { Link } from 'react-router';
import { LISTING_STATUS_LABELS } from '../../../../domain/constants/listings.js';
import { PROPOSAL_STATUS_LABELS } from '../../../../domain/constants/lifecycle.js';
import { formatDateTime, formatFen } from '../../format.js';
import { MyPagedTable } from './MyPagedTable.js';
import type { MyProposal } from './types.js';

function landing(p: MyProposal): string {
  if (p.status !== 'awarded') return '—';
  if (p.enterpriseConfirmedAt && p.institutionConfirmedAt) return '双方已确认落地';
  if (p.institutionConfirmedAt) return '待需求企业确认';
  if (p.enterpriseConfirmedAt) return '待本单位确认';
  return '双方均未确认';
}

export default function MyProposals() {
  return (
    <MyPagedTable<MyProposal>
      title="我的揭榜"
      queryKey="my-proposals"
      path="/my/proposals"
      emptyText="还没有提交揭榜方案，可在“企业找技术”中选择需求揭榜"
      columns={[
        {
          title: '需求',
          key: 'listing',
          render: (_, p) => <Link to={`/listings/${p.listing.id}`}>{p.listing.title}</Link>,
        },
        { title: '需求状态', key: 'ls', render: (_, p) => LISTING_STATUS_LABELS[p.listing.status] },
        { title: '揭榜截止', key: 'deadline', render: (_, p) => formatDateTime(p.listing.deadline) },
        { title: '报价', key: 'quote', render: (_, p) => formatFen(p.quoteFen) },
        {
          title: '方案状态',
          key: 'status',
          render: (_, p) => (
            <Tag color={p.status === 'awarded' ? 'green' : undefined}>{PROPOSAL_STATUS_LABELS[p.status]}</Tag>
          ),
        },
        { title: '落地确认', key: 'landing', render: (_, p) => landing(p) },
        { title: '提交时间', key: 'at', render: (_, p) => formatDateTime(p.createdAt) },
      ]}
    />
  );
}
