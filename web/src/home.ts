import type { Role } from './api/types.js';

/** Where a role lands after signing in, joining or switching organisation. */
export function homeOf(role: Role): string {
  if (role === 'operator') return '/operator';
  // A researcher's own pages (results, rights, rewards) are issue 18's later steps; until then the
  // notifications are what concerns them.
  if (role === 'researcher') return '/notifications';
  return '/my/listings';
}
