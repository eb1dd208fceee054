// Session and CSRF tokens: random, URL-safe; only their SHA-256 is stored, so a leaked sessions
// table opens no session.
import { createHash, randomBytes } from 'node:crypto';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
