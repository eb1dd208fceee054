// What the lifecycle panels share: the viewer's relation to the listing, a mutation that refreshes
// the listing and the panel's own queries on success, and a short free-text form rule.
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { FormRule } from 'antd';
import type { Role } from '../../api/types.js';
import { useAuth } from '../../auth.js';
import { useToast } from '../../toast.js';
import type { LifecycleListing } from './types.js';

export interface Viewer {
  signedIn: boolean;
  orgId: string | null;
  role: Role | null;
  isOwner: boolean;
  isOperator: boolean;
  /** A member (enterprise or institution), not the owner. */
  isOtherMember: boolean;
}

export function useViewer(listing: Pick<LifecycleListing, 'organisation'>): Viewer {
  const { session, role } = useAuth();
  // A researcher's session names their institution, but they never act for it (措施一、十二).
  const orgId = role === 'researcher' ? null : (session?.organisation?.id ?? null);
  const isOwner = !!orgId && orgId === listing.organisation.id;
  const member = role === 'enterprise' || role === 'institution';
  return {
    signedIn: !!session,
    orgId,
    role,
    isOwner,
    isOperator: role === 'operator',
    isOtherMember: member && !isOwner,
  };
}

/**
 * A lifecycle action: on success it toasts, refetches the listing and the given queries (so status,
 * countdowns and lists agree with the server) and calls onDone; on failure the caller shows
 * `mutation.error` beside the form, whose values stay as typed.
 */
export function useLifecycleAction<TVars, TResult>(
  listingId: string,
  fn: (vars: TVars) => Promise<TResult>,
  opts: { success: string; invalidate?: QueryKey[]; onDone?: (r: TResult) => void },
) {
  const queryClient = useQueryClient();
  const message = useToast();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      message.success(opts.success);
      void queryClient.invalidateQueries({ queryKey: ['listing', listingId] });
      for (const key of opts.invalidate ?? []) void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
      opts.onDone?.(r);
    },
  });
}

/** Required free text with a minimum length, counted after trimming (the api trims too). */
export function textRule(label: string, min: number, max: number): FormRule {
  return {
    validator: (_, value: string | undefined) => {
      const n = (value ?? '').trim().length;
      if (n === 0) return Promise.reject(new Error(`请填写${label}`));
      if (n < min) return Promise.reject(new Error(`${label}至少${min}个字`));
      if (n > max) return Promise.reject(new Error(`${label}不超过${max}个字`));
      return Promise.resolve();
    },
  };
}
