// Organisations, their users and memberships: the operator organisation with its two operators, and
// the institutions and enterprises of organisations.data.ts, most verified, a few waiting.

import { randomUUID } from 'node:crypto';
import { creditCode } from './codes.js';
import { SEED, type Person, type SeedContext } from './context.js';
import {
  EMAIL_DOMAIN,
  ENTERPRISES,
  INSTITUTIONS,
  OPERATOR_ORG,
  type EnterpriseSeed,
  type InstitutionSeed,
} from './organisations.data.js';
import type { Party } from './outcomes.js';
import { Rng } from './random.js';
import { DAY, HOUR } from './timeline.js';

export interface OrgRef {
  id: string;
  key: string;
  name: string;
  verified: boolean;
  createdAt: Date;
  people: Person[];
}

export interface Directory {
  org(key: string): OrgRef;
  party(seed: EnterpriseSeed | InstitutionSeed): Party;
  operators: Person[];
  verifiedEnterprises: EnterpriseSeed[];
  /**
   * Deals with a party registered outside the mainland need an export-control confirmation first
   * (措施十五); the seeded outcomes stay with mainland parties (外资 ones included).
   */
  domesticBuyers: Party[];
  verifiedInstitutions: Party[];
}

export function buildDirectory(ctx: SeedContext): Directory {
  const { plan, clock } = ctx;
  const rng = new Rng(SEED + 2);
  const usedCodes = new Set<string>();

  const addUsers = (org: OrgRef, emails: string[]) => {
    emails.forEach((email, i) => {
      const person: Person = { id: randomUUID(), displayName: ctx.personName(), phone: ctx.phone() };
      const at = clock.notAfterNow(new Date(org.createdAt.getTime() + i * rng.between(HOUR, 30 * DAY) + HOUR));
      plan.users.push({
        id: person.id,
        email,
        passwordHash: ctx.passwordHash,
        displayName: person.displayName,
        phone: person.phone,
        createdAt: at,
      });
      // The first user of an organisation administers it.
      plan.memberships.push({
        userId: person.id,
        organisationId: org.id,
        role: i === 0 ? 'admin' : 'member',
        createdAt: at,
      });
      org.people.push(person);
    });
  };

  const operatorOrg: OrgRef = {
    id: randomUUID(),
    key: OPERATOR_ORG.key,
    name: OPERATOR_ORG.name,
    verified: true,
    createdAt: clock.ago(950 * DAY),
    people: [],
  };
  addUsers(operatorOrg, [`op1@${EMAIL_DOMAIN}`, `op2@${EMAIL_DOMAIN}`]);
  const operators = operatorOrg.people;
  plan.organisations.push({
    id: operatorOrg.id,
    kind: 'operator',
    name: operatorOrg.name,
    creditCode: null,
    region: OPERATOR_ORG.region,
    address: OPERATOR_ORG.address,
    description: OPERATOR_ORG.description,
    contactName: operators[0]!.displayName,
    contactPhone: operators[0]!.phone,
    verificationStatus: 'verified',
    verifiedAt: operatorOrg.createdAt,
    createdAt: operatorOrg.createdAt,
    updatedAt: operatorOrg.createdAt,
  });
  ctx.audit('organisation', operatorOrg.id, 'verified');

  const refs = new Map<string, OrgRef>();
  const addMember = (seed: InstitutionSeed | EnterpriseSeed, kind: 'institution' | 'enterprise') => {
    // Pending organisations registered in the last days: the operator's verification queue.
    const createdAt = seed.verified
      ? clock.ago(rng.between(620 * DAY, 900 * DAY))
      : clock.ago(rng.between(6 * HOUR, 6 * DAY));
    const org: OrgRef = {
      id: randomUUID(),
      key: seed.key,
      name: seed.name,
      verified: seed.verified,
      createdAt,
      people: [],
    };
    const emails = [`${seed.key}@${EMAIL_DOMAIN}`];
    if (rng.chance(0.5)) emails.push(`${seed.key}b@${EMAIL_DOMAIN}`);
    addUsers(org, emails);
    const verifier = rng.pick(operators);
    const verifiedAt = seed.verified ? new Date(createdAt.getTime() + rng.between(DAY, 5 * DAY)) : null;
    plan.organisations.push({
      id: org.id,
      kind,
      name: seed.name,
      ...('outside' in seed && seed.outside
        ? { ...seed.outside, creditCode: null, region: null }
        : { creditCode: creditCode(rng, kind, seed.region!, usedCodes), region: seed.region }),
      domicileReviewPending: 'domicileReviewPending' in seed && !!seed.domicileReviewPending,
      address: seed.address,
      description: 'profile' in seed ? seed.profile : seed.description,
      contactName: org.people[0]!.displayName,
      contactPhone: org.people[0]!.phone,
      ...('sizeClass' in seed
        ? { sizeClass: seed.sizeClass, ownershipType: seed.ownershipType }
        : { institutionType: seed.institutionType, affiliation: seed.affiliation }),
      verificationStatus: seed.verified ? 'verified' : 'pending_verification',
      verifiedAt,
      verifiedBy: verifiedAt ? verifier.id : null,
      createdAt,
      updatedAt: verifiedAt ?? createdAt,
    });
    if (verifiedAt) {
      plan.decisions.push({
        organisationId: org.id,
        decision: 'verify',
        operatorId: verifier.id,
        createdAt: verifiedAt,
      });
    }
    ctx.audit('organisation', org.id, seed.verified ? 'verified' : 'pending_verification');
    refs.set(seed.key, org);
  };
  for (const seed of INSTITUTIONS) addMember(seed, 'institution');
  for (const seed of ENTERPRISES) addMember(seed, 'enterprise');

  const org = (key: string): OrgRef => {
    const ref = refs.get(key);
    if (!ref) throw new Error(`seed: unknown organisation ${key}`);
    return ref;
  };
  const party = (seed: EnterpriseSeed | InstitutionSeed): Party => ({
    ...org(seed.key),
    ownershipType: 'ownershipType' in seed ? seed.ownershipType : null,
    fields: seed.fields,
  });
  const verifiedEnterprises = ENTERPRISES.filter((e) => e.verified);
  return {
    org,
    party,
    operators,
    verifiedEnterprises,
    domesticBuyers: verifiedEnterprises.filter((e) => !e.outside).map(party),
    verifiedInstitutions: INSTITUTIONS.filter((i) => i.verified).map(party),
  };
}
