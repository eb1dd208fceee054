// The result form's values and how they map to and from the api (ResultEdit.tsx): co-owners' shares
// typed in % and sent in basis points (措施一: the institution's own share beside the team's), dates as
// YYYY-MM-DD; and the api's own ownership and IP rules (domain/results.ts) run in the browser before sending.
import type { Dayjs } from 'dayjs';
import type { IndustryField } from '../../../../domain/constants/listings.js';
import type { IpType, Maturity, OwnershipMode, SecurityClass } from '../../../../domain/constants/results.js';
import { AppError } from '../../../../domain/errors.js';
import { checkIpItems, checkResultOwnership } from '../../../../domain/results.js';
import type { ResearchResult, ResultInput } from '../../api/types.js';
import { dayjs, todayInShanghai } from '../../format.js';

export interface FormValues {
  title: string;
  summary: string;
  field: IndustryField;
  maturity: Maturity;
  inventors?: string;
  ownership: OwnershipMode;
  /** 措施一: the institution's own share of a co-owned result. */
  institutionSharePct?: number | null;
  /** The team's co-owners. */
  coOwners?: { name: string; sharePct: number | null }[];
  longTermUseStartsOn?: Dayjs | null;
  longTermUseEndsOn?: Dayjs | null;
  securityClass: SecurityClass;
  separatelyManaged: boolean;
  ipItems?: { type: IpType; number: string; title?: string; grantDate?: Dayjs | null }[];
}

export function toForm(r: ResearchResult): FormValues {
  return {
    title: r.title,
    summary: r.summary,
    field: r.field,
    maturity: r.maturity,
    inventors: r.inventors,
    ownership: r.ownership,
    institutionSharePct: (r.coOwners.find((c) => c.party === 'institution')?.shareBp ?? 0) / 100 || null,
    coOwners: r.coOwners.filter((c) => c.party === 'team').map((c) => ({ name: c.name, sharePct: c.shareBp / 100 })),
    longTermUseStartsOn: r.longTermUseStartsOn ? dayjs(r.longTermUseStartsOn) : null,
    longTermUseEndsOn: r.longTermUseEndsOn ? dayjs(r.longTermUseEndsOn) : null,
    securityClass: r.securityClass,
    separatelyManaged: r.separatelyManaged,
    ipItems: r.ipItems.map((i) => ({
      type: i.type,
      number: i.number,
      title: i.title,
      grantDate: i.grantDate ? dayjs(i.grantDate) : null,
    })),
  };
}

/** The body as the form sends it: every optional field filled, so the domain checks can run on it. */
type FullResultInput = ResultInput &
  Parameters<typeof checkResultOwnership>[0] & { ipItems: Parameters<typeof checkIpItems>[0] };

/** `institutionName` names the institution's own share among the co-owners. */
export function toBody(v: FormValues, institutionName: string): FullResultInput {
  const ownership = v.ownership;
  const bp = (pct: number | null | undefined) => Math.round((pct ?? 0) * 100);
  return {
    title: v.title.trim(),
    summary: v.summary.trim(),
    field: v.field,
    maturity: v.maturity,
    inventors: v.inventors?.trim() ?? '',
    ownership,
    // 措施一: shares are stored in basis points so they add up to exactly 10000.
    coOwners:
      ownership === 'co_owned'
        ? [
            { name: institutionName, shareBp: bp(v.institutionSharePct), party: 'institution' as const },
            ...(v.coOwners ?? []).map((c) => ({
              name: c.name.trim(),
              shareBp: bp(c.sharePct),
              party: 'team' as const,
            })),
          ]
        : [],
    longTermUseStartsOn:
      ownership === 'long_term_use' && v.longTermUseStartsOn ? v.longTermUseStartsOn.format('YYYY-MM-DD') : null,
    longTermUseEndsOn:
      ownership === 'long_term_use' && v.longTermUseEndsOn ? v.longTermUseEndsOn.format('YYYY-MM-DD') : null,
    securityClass: v.securityClass,
    separatelyManaged: v.securityClass === 'public' ? v.separatelyManaged : false,
    ipItems: (v.ipItems ?? []).map((i) => ({
      type: i.type,
      number: i.number.trim(),
      title: i.title?.trim() ?? '',
      grantDate: i.grantDate ? i.grantDate.format('YYYY-MM-DD') : null,
    })),
  };
}

/** The same rules the api applies (domain/results.ts), run before sending so the user hears at once. */
export function precheck(body: FullResultInput): string | null {
  try {
    checkResultOwnership(body, todayInShanghai());
    checkIpItems(body.ipItems, todayInShanghai());
    return null;
  } catch (err) {
    if (err instanceof AppError) return err.message;
    throw err;
  }
}
