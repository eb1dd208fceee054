// The listing form's values and how they map to and from the api (ListingEdit.tsx): prices are typed in
// 万元 and sent in 分, the 揭榜 deadline is Beijing wall-clock time; a supply listing's price and
// 拟受让方 are sent only for the pricing modes that use them (措施四); a licence its scope; a demand its
// budget or an explicit 面议 (措施八).
import type { Dayjs } from 'dayjs';
import type {
  IndustryField,
  LicenceScope,
  ListingKind,
  PricingMode,
  SupportKind,
  TransactionType,
} from '../../../../domain/constants/listings.js';
import type { Region } from '../../../../domain/constants/organisations.js';
import type { ListingDetail, ListingInput } from '../../api/types.js';
import { fenToWan, isoToShanghaiWallClock, shanghaiWallClockToIso, wanToFen } from '../../format.js';

export interface FormValues {
  title: string;
  summary: string;
  description?: string;
  field: IndustryField;
  region: Region;
  resultId?: string;
  pricingMode?: PricingMode;
  transactionTypes?: TransactionType[];
  licenseScope?: LicenceScope;
  priceWan?: number | null;
  /** Demand: 榜额面议. */
  budgetNegotiable?: boolean;
  counterpartyName?: string;
  deadline?: Dayjs | null;
  supportSought?: SupportKind[];
  contactName: string;
  contactPhone: string;
}

export function toForm(l: ListingDetail): FormValues {
  return {
    title: l.title,
    summary: l.summary,
    description: l.description,
    field: l.field,
    region: l.region,
    resultId: l.result?.id ?? undefined,
    pricingMode: l.pricingMode ?? undefined,
    transactionTypes: l.transactionTypes,
    licenseScope: l.licenseScope ?? undefined,
    priceWan: fenToWan(l.priceFen),
    budgetNegotiable: l.budgetNegotiable ?? false,
    counterpartyName: l.counterpartyName ?? undefined,
    deadline: l.deadline ? isoToShanghaiWallClock(l.deadline) : null,
    supportSought: l.supportSought,
    contactName: l.contactName ?? '',
    contactPhone: l.contactPhone ?? '',
  };
}

export function toBody(kind: ListingKind, v: FormValues): ListingInput {
  const common = {
    kind,
    title: v.title.trim(),
    summary: v.summary.trim(),
    description: v.description?.trim() ?? '',
    field: v.field,
    region: v.region,
    transactionTypes: v.transactionTypes ?? [],
    contactName: v.contactName.trim(),
    contactPhone: v.contactPhone.trim(),
  };
  if (kind === 'demand') {
    const negotiable = !!v.budgetNegotiable;
    return {
      ...common,
      priceFen: negotiable ? null : wanToFen(v.priceWan),
      budgetNegotiable: negotiable,
      deadline: v.deadline ? shanghaiWallClockToIso(v.deadline) : null,
      supportSought: v.supportSought ?? [],
    };
  }
  const mode = v.pricingMode ?? 'negotiable';
  return {
    ...common,
    resultId: v.resultId ?? null,
    pricingMode: mode,
    licenseScope: (v.transactionTypes ?? []).includes('license') ? (v.licenseScope ?? null) : null,
    priceFen: mode === 'negotiable' ? null : wanToFen(v.priceWan),
    counterpartyName: mode === 'negotiated' ? (v.counterpartyName?.trim() ?? null) : null,
  };
}
