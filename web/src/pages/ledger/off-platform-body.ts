// The off-platform form's values and the request body they make (POST /ledger/conversions); the api
// applies every rule again.
import type { Dayjs } from 'dayjs';
import type {
  ContractType,
  ConversionType,
  IntermediaryKind,
  PaymentMethod,
} from '../../../../domain/constants/ledger.js';
import type { AppraisalDecision } from '../../../../domain/constants/lifecycle.js';
import type { LicenceScope } from '../../../../domain/constants/listings.js';
import type { Domicile, OwnershipType } from '../../../../domain/constants/organisations.js';
import { todayInShanghai } from '../../format.js';
import type { CounterpartyOption } from './types.js';

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);

export interface Values {
  resultId: string;
  transactionType: ConversionType;
  licenseScope?: LicenceScope;
  appraisal?: AppraisalDecision;
  counterparty?: CounterpartyOption | null;
  counterpartyName: string;
  counterpartyCreditCode?: string;
  counterpartyOwnership?: OwnershipType;
  counterpartyDomicile?: Domicile;
  evidenceRef: string;
  basis: string;
  classifiedApprovalRef?: string;
  confidentialityAgreementRef?: string;
  title: string;
  contractType?: ContractType;
  contractNo?: string;
  amountFen: number;
  technologyAmountFen: number;
  paymentMethods: PaymentMethod[];
  royaltyPercent?: number;
  royaltyBase?: string;
  effective: boolean;
  signedOn?: Dayjs;
  termStartsOn?: Dayjs;
  termEndsOn?: Dayjs;
  registrationNo?: string;
  registeredOn?: Dayjs;
  withIntermediary: boolean;
  intermediaryKind?: IntermediaryKind;
  intermediaryName?: string;
  intermediaryCommissionFen?: number | null;
  companyName?: string;
  companyCreditCode?: string;
  stakePercent?: number;
  valuationFen?: number;
  acquiredOn?: Dayjs;
  reason?: string;
}

export function body(v: Values) {
  const royalty = v.paymentMethods.includes('royalty');
  return {
    resultId: v.resultId,
    counterpartyOrgId: v.counterparty?.id ?? null,
    counterpartyName: v.counterpartyName.trim(),
    counterpartyCreditCode: text(v.counterpartyCreditCode),
    counterpartyOwnership: v.counterpartyOwnership ?? null,
    // A registered counterparty's domicile comes from its registration (the server reads it).
    counterpartyDomicile: v.counterparty ? undefined : (v.counterpartyDomicile ?? 'mainland'),
    transactionType: v.transactionType,
    licenseScope: v.transactionType === 'license' ? (v.licenseScope ?? null) : null,
    appraisal: v.appraisal ?? null,
    basis: v.basis.trim(),
    evidenceRef: v.evidenceRef.trim(),
    classifiedApprovalRef: text(v.classifiedApprovalRef),
    confidentialityAgreementRef: text(v.confidentialityAgreementRef),
    intermediary: v.withIntermediary
      ? {
          kind: v.intermediaryKind!,
          name: (v.intermediaryName ?? '').trim(),
          commissionFen: v.intermediaryCommissionFen ?? null,
        }
      : null,
    contract: {
      contractType: v.contractType ?? null,
      title: v.title.trim(),
      contractNo: text(v.contractNo),
      amountFen: v.amountFen,
      technologyAmountFen: v.technologyAmountFen,
      paymentMethods: v.paymentMethods,
      royaltyBp: royalty && v.royaltyPercent != null ? Math.round(v.royaltyPercent * 100) : null,
      royaltyBase: royalty ? text(v.royaltyBase) : null,
      signedOn: day(v.signedOn),
      termStartsOn: day(v.termStartsOn),
      termEndsOn: day(v.termEndsOn),
      registrationNo: text(v.registrationNo),
      registeredOn: day(v.registeredOn),
    },
    effective: v.effective,
    schedule: [],
    equity:
      v.transactionType === 'equity'
        ? {
            companyName: (v.companyName ?? '').trim(),
            companyCreditCode: (v.companyCreditCode ?? '').trim(),
            stakeBp: v.stakePercent != null ? Math.round(v.stakePercent * 100) : null,
            valuationFen: v.valuationFen ?? 0,
            acquiredOn: day(v.acquiredOn) ?? todayInShanghai(),
          }
        : null,
    reason: text(v.reason),
  };
}
