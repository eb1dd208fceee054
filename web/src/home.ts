import type { Role } from './api/types.js';

/** Where a role lands after signing in, joining or switching organisation. */
export function homeOf(role: Role): string {
  if (role === 'operator') return '/operator';
  // 措施一、六: a researcher lands on their rights, where the decisions awaiting their answer are.
  if (role === 'researcher') return '/researcher/rights';
  return '/my/listings';
}
