// Shapes of the pay-later pool and licence API (措施五), as server/pool/views.ts sends them.
import type { IndustryField } from '../../../../domain/constants/listings.js';
import type {
  IpType,
  Maturity,
  OwnershipMode,
  ResultStatus,
  SecurityClass,
} from '../../../../domain/constants/results.js';
import type {
  PayLaterApplicationStatus,
  PayLaterLicenceStatus,
  PayLaterParty,
  PaymentKind,
  PaymentState,
  PaymentStatus,
  PaymentTiming,
  PoolEditionChange,
  PoolReason,
  PoolRemovalReason,
  PoolResultState,
} from '../../../../domain/constants/pool.js';
import type { Region } from '../../../../domain/constants/organisations.js';

export interface PoolItem {
  resultId: string;
  title: string;
  summary: string;
  field: IndustryField;
  maturity: Maturity;
  inventors: string;
  ownership: OwnershipMode;
  ipItems: { type: IpType; number: string; title: string; grantDate: string | null }[];
  firstGrantDate: string | null;
  institution: { id: string; name: string; region: Region | null };
  reason: PoolReason;
  includedAt: string;
}

export interface PoolStatus {
  resultId: string;
  title: string;
  field: IndustryField;
  securityClass: SecurityClass;
  resultStatus: ResultStatus;
  firstGrantDate: string | null;
  state: PoolResultState;
  eligibleOn: string | null;
  entry: { reason: PoolReason; includedAt: string } | null;
  optOut: { reason: string; optedOutAt: string } | null;
}

export interface Edition {
  number: number;
  periodKey: string;
  publishedAt: string;
  asOf: string;
  entryCount: number;
  addedCount: number;
  removedCount: number;
}

export interface EditionItem {
  resultId: string;
  change: PoolEditionChange;
  title: string;
  institution: { id: string; name: string; region: Region | null };
  field: IndustryField;
  ipItems: { type: IpType; number: string; grantDate: string | null }[];
  firstGrantDate: string | null;
  reason: PoolReason;
  includedAt: string;
  removalReason: PoolRemovalReason | null;
}

export interface Terms {
  feeFen: number | null;
  royaltyBp: number | null;
  paymentTiming: PaymentTiming;
  paymentDelayMonths: number;
  termYears: number;
  paymentConditions: string;
}

interface Party {
  id: string;
  name: string;
}

export interface Application {
  id: string;
  status: PayLaterApplicationStatus;
  result: { id: string; title: string };
  enterprise: Party;
  institution: Party;
  terms: Terms;
  termsBy: PayLaterParty;
  declineReason: string | null;
  licenceId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
}

export interface ApplicationDetail extends Application {
  offers: { round: number; party: PayLaterParty; terms: Terms; message: string; createdAt: string }[];
}

export interface Payment {
  id: string;
  seq: number;
  kind: PaymentKind;
  amountFen: number | null;
  dueOn: string | null;
  status: PaymentStatus;
  state: PaymentState;
  remindedAt: string | null;
  overdueAt: string | null;
  paidOn: string | null;
  paidAmountFen: number | null;
  paidNote: string | null;
}

export interface Licence {
  id: string;
  applicationId: string;
  status: PayLaterLicenceStatus;
  result: { id: string; title: string };
  enterprise: Party;
  institution: Party;
  terms: Terms;
  signedOn: string;
  firstSalesOn: string | null;
  payments: Payment[];
  createdAt: string;
}

export interface OverduePayment {
  paymentId: string;
  licenceId: string;
  seq: number;
  kind: PaymentKind;
  amountFen: number | null;
  dueOn: string;
  daysOverdue: number;
  flaggedAt: string | null;
  result: { id: string; title: string };
  enterprise: Party;
  institution: Party;
}
