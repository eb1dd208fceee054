// 措施八: the enterprise confirms that the converted project is implemented (落地); operators then
// confirm its eligibility for the reward post-subsidy. Both states are recorded on the conversion.
// The confirmation goes through the route's own endpoint (a deal's listing, a demand's proposal); an
// off-platform conversion or a pay-later licence is confirmed on the conversion itself. The reward
// post-subsidy is for landed projects of the two lists (揭榜), so only a deal or a demand has one.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Descriptions, Popconfirm, Typography } from 'antd';
import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { formatDateTime } from '../../format.js';
import { useToast } from '../../toast.js';
import type { ConversionDetail } from './types.js';

function confirmPath(c: ConversionDetail): string | null {
  if (c.route === 'deal' && c.listingId) return `/listings/${c.listingId}/deal/landing`;
  if (c.route === 'demand' && c.proposalId) return `/proposals/${c.proposalId}/confirm-landing`;
  if (c.route === 'off_platform' || c.route === 'paylater') return `/ledger/conversions/${c.id}/implementation`;
  return null;
}

export function Implementation({ c, isCounterparty }: { c: ConversionDetail; isCounterparty: boolean }) {
  const message = useToast();
  const queryClient = useQueryClient();
  const path = confirmPath(c);
  const confirm = useMutation({
    mutationFn: () => api.post(path!, {}),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['ledger'] });
      message.success('已确认项目落地实施');
    },
  });
  const converting = c.contract.status === 'effective' || c.contract.status === 'completed';
  const onLists = c.route === 'deal' || c.route === 'demand';
  return (
    <Panel title="落地实施与奖励资格（措施八）">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'landing',
            label: '企业确认落地',
            children: c.landingConfirmedAt ? `已确认（${formatDateTime(c.landingConfirmedAt)}）` : '未确认',
          },
          {
            key: 'reward',
            label: '奖励性后补助资格',
            children: !onLists
              ? '不适用（奖励性后补助面向“揭榜挂帅”落地项目）'
              : c.rewardConfirmedAt
                ? `运营方已确认（${formatDateTime(c.rewardConfirmedAt)}）`
                : '未确认',
          },
        ]}
      />
      {isCounterparty && !c.landingConfirmedAt && (
        <div style={{ marginTop: 12 }}>
          {path && converting ? (
            <>
              <Typography.Paragraph type="secondary">
                {onLists
                  ? '项目在本企业落地实施后请确认；确认后平台运营方可确认奖励性后补助资格。'
                  : '技术在本企业落地实施后请确认；确认记录在本转化记录中，科研单位可见。'}
              </Typography.Paragraph>
              <Popconfirm
                title="确认该项目已在本企业落地实施？"
                okText="确认落地"
                cancelText="取消"
                onConfirm={() => confirm.mutate()}
              >
                <Button type="primary" loading={confirm.isPending}>
                  确认落地实施
                </Button>
              </Popconfirm>
              {confirm.isError && (
                <div style={{ marginTop: 12 }}>
                  <ErrorAlert error={confirm.error} />
                </div>
              )}
            </>
          ) : (
            <Typography.Text type="secondary">
              {converting
                ? '该转化途径的落地确认尚未开放，请与科研单位和平台运营方联系。'
                : '合同签订生效后才能确认落地实施。'}
            </Typography.Text>
          )}
        </div>
      )}
    </Panel>
  );
}
