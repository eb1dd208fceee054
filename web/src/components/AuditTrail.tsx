import { useQuery } from '@tanstack/react-query';
import { Button, Drawer, Empty, Skeleton, Timeline, Typography } from 'antd';
import { useState } from 'react';
import {
  LISTING_STATUS_LABELS,
  REJECTION_REASON_LABELS,
  TAKE_DOWN_REASON_LABELS,
} from '../../../domain/constants/listings.js';
import { api } from '../api/client.js';
import type { AuditEntry } from '../api/types.js';
import { formatDateTime, labelOf } from '../format.js';
import { auditActionLabel } from '../listing.js';
import { ErrorAlert } from './ErrorAlert.js';
import { VERIFICATION_LABELS } from './StatusTag.js';

const REASON_LABELS: Record<string, string> = { ...TAKE_DOWN_REASON_LABELS, ...REJECTION_REASON_LABELS };

/** Moderation reasons are stored as "<code>: <text>"; show the code's label. */
function reasonText(reason: string): string {
  const m = /^([a-z_]+): ([\s\S]*)$/.exec(reason);
  if (m && REASON_LABELS[m[1]!]) return `${REASON_LABELS[m[1]!]}——${m[2]}`;
  return reason;
}

function AuditList({ target, id }: { target: 'listings' | 'organisations'; id: string }) {
  const statusLabels: Record<string, string> = target === 'listings' ? LISTING_STATUS_LABELS : VERIFICATION_LABELS;
  const q = useQuery({
    queryKey: ['audit', target, id],
    queryFn: ({ signal }) => api.get<{ items: AuditEntry[] }>(`/operator/${target}/${id}/audit`, undefined, signal),
  });
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  if (q.data.items.length === 0) return <Empty description="暂无记录" />;
  return (
    <Timeline
      items={q.data.items.map((e) => ({
        key: e.id,
        content: (
          <div>
            <Typography.Text strong>{auditActionLabel(e.action)}</Typography.Text>
            {(e.beforeStatus || e.afterStatus) && (
              <Typography.Text type="secondary">
                {' '}
                {labelOf(statusLabels, e.beforeStatus)} → {labelOf(statusLabels, e.afterStatus)}
              </Typography.Text>
            )}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {formatDateTime(e.createdAt)} · {e.actorName ?? '系统'}
              </Typography.Text>
            </div>
            {e.reason && (
              <Typography.Paragraph style={{ margin: '4px 0 0' }}>原因：{reasonText(e.reason)}</Typography.Paragraph>
            )}
          </div>
        ),
      }))}
    />
  );
}

/** A button opening the audit trail of one listing or organisation in a side drawer. */
export function AuditTrailButton({
  target,
  id,
  name,
  size = 'small',
}: {
  target: 'listings' | 'organisations';
  id: string;
  name: string;
  size?: 'small' | 'middle';
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size={size} onClick={() => setOpen(true)}>
        审计记录
      </Button>
      <Drawer title={`审计记录：${name}`} open={open} onClose={() => setOpen(false)} size={480} destroyOnHidden>
        {open && <AuditList target={target} id={id} />}
      </Drawer>
    </>
  );
}
