// Eligibility before effort: a form the viewer's organisation may not submit says so, and why, above
// its first field — from the same pure rules the api applies (domain/), so the page and the refusal
// never disagree. The api still refuses; this only spares the typing.
import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { AppError } from '../../../domain/errors.js';
import { checkApplicant } from '../../../domain/paylater.js';
import { api } from '../api/client.js';
import type { MyOrganisation } from '../api/types.js';
import { useAuth } from '../auth.js';
import { VERIFICATION_LABELS } from './StatusTag.js';

/** The viewer's organisation (size, domicile…), shared with 我的机构 through the query cache. */
export function useMyOrganisation(enabled = true) {
  return useQuery({
    queryKey: ['my-organisation'],
    queryFn: ({ signal }) => api.get<MyOrganisation>('/my/organisation', undefined, signal),
    enabled,
  });
}

function Refusal({ title, children }: { title: string; children?: ReactNode }) {
  return <Alert type="warning" showIcon role="alert" title={title} description={children} data-testid="eligibility" />;
}

/** Listings are submitted for review only by verified organisations (drafts can be kept before). */
export function SubmitEligibility() {
  const { session } = useAuth();
  const status = session?.organisation?.verificationStatus;
  if (!status || status === 'verified') return null;
  return (
    <Refusal title={`贵机构${VERIFICATION_LABELS[status]}：机构认证通过后才能提交审核`}>
      现在可以先填写并保存草稿，认证通过后在“我的项目”中提交。认证进度见“我的机构”。
    </Refusal>
  );
}

/**
 * 措施五: who may apply for a pay-later licence (checkApplicant). Returns whether the viewer may,
 * and the notice to show when not.
 */
export function usePayLaterEligibility(exportControlConfirmed: boolean): {
  allowed: boolean | null;
  notice: ReactNode;
} {
  const org = useMyOrganisation();
  if (!org.data) return { allowed: null, notice: null };
  const o = org.data.organisation;
  try {
    checkApplicant(
      { kind: o.kind, verificationStatus: o.verificationStatus, sizeClass: o.sizeClass, domicile: o.domicile },
      exportControlConfirmed,
    );
    return { allowed: true, notice: null };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { allowed: false, notice: <Refusal title="贵机构不能申请该成果的先使用后付费许可">{err.message}</Refusal> };
  }
}
