// Display helpers: money in 分 shown as 元 / 万元, instants shown in Asia/Shanghai, option lists
// built from the shared label maps.
import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import 'dayjs/locale/zh-cn.js';
import { FEN_PER_WAN } from '../../domain/money.js';
import { serverNow } from './server-clock.js';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

export const TZ = 'Asia/Shanghai';
export { dayjs };

// Money reads one way on every page and in every notification: domain/money.ts.
export { formatFen } from '../../domain/money.js';

/** 万元 (as typed into a form) → integer 分. */
export function wanToFen(wan: number | null | undefined): number | null {
  if (wan === null || wan === undefined || Number.isNaN(wan)) return null;
  return Math.round(wan * FEN_PER_WAN);
}

export function fenToWan(fen: number | null | undefined): number | null {
  if (fen === null || fen === undefined) return null;
  return fen / FEN_PER_WAN;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dayjs(iso).tz(TZ).format('YYYY-MM-DD HH:mm');
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  // Plain calendar days (YYYY-MM-DD) carry no zone; instants are shown as the day in Shanghai.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return dayjs(iso).tz(TZ).format('YYYY-MM-DD');
}

/** A wall-clock date-time picked in the form, read as Shanghai time, as an ISO instant. */
export function shanghaiWallClockToIso(value: Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), TZ).toISOString();
}

/** An ISO instant as a picker value showing Shanghai wall-clock time. */
export function isoToShanghaiWallClock(iso: string): Dayjs {
  return dayjs(dayjs(iso).tz(TZ).format('YYYY-MM-DDTHH:mm:ss'));
}

export function todayInShanghai(): string {
  return dayjs().tz(TZ).format('YYYY-MM-DD');
}

/** "3天4小时", "25分钟": how long something has waited or remains. */
export function formatSpan(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`;
  if (hours > 0) return mins > 0 ? `${hours}小时${mins}分钟` : `${hours}小时`;
  return mins > 0 ? `${mins}分钟` : '不到1分钟';
}

export function since(iso: string | null | undefined, now = serverNow()): string {
  if (!iso) return '—';
  return formatSpan(now - new Date(iso).getTime());
}

export function optionsOf<K extends string>(labels: Record<K, string>, keys?: readonly K[]) {
  return (keys ?? (Object.keys(labels) as K[])).map((value) => ({ value, label: labels[value] }));
}

export function labelOf(labels: Record<string, string>, key: string | null | undefined, empty = '—'): string {
  if (key === null || key === undefined || key === '') return empty;
  return labels[key] ?? key;
}

/**
 * For long forms with explicit save buttons: Enter in a text field or picker (e.g. to confirm a
 * date) must not submit the whole form. Text areas keep their newlines.
 */
export function preventEnterSubmit(e: { key: string; target: EventTarget; preventDefault(): void }): void {
  if (e.key !== 'Enter') return;
  const el = e.target as HTMLElement;
  if (el.tagName === 'INPUT') e.preventDefault();
}
