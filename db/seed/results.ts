// Research results (职务科技成果) of the institutions, with their IP items, ownership after 赋权
// (措施一), 单列管理 (措施二) and security class (措施十五).

import { randomUUID } from 'node:crypto';
import { INDUSTRY_FIELDS, type IndustryField } from '../../domain/constants/listings.js';
import { type OwnershipMode, type SecurityClass } from '../../domain/constants/results.js';
import { addYearsClamped } from '../../domain/pool.js';
import { FULL_SHARE_BP, shanghaiDate, type CoOwner } from '../../domain/results.js';
import { SEED, type NewIpItem, type NewResult, type SeedContext } from './context.js';
import type { Directory, OrgRef } from './directory.js';
import { ipItems } from './ip.js';
import { INSTITUTIONS, type InstitutionSeed } from './organisations.data.js';
import { Rng } from './random.js';
import { maturityOf, parseTopic, type Topic } from './text.js';
import { DAY, HOUR } from './timeline.js';
import { CLASSIFIED_TOPICS, RESTRICTED_TOPICS, SUPPLY_TOPICS } from './topics.supply.js';

export interface ResultRef {
  /** The row to insert; listings may still move its timestamps and status. */
  row: NewResult & { id: string; createdAt: Date };
  org: OrgRef;
  seed: InstitutionSeed;
  topic: Topic;
  field: IndustryField;
  /** First inventor: the team leader named in descriptions. */
  leader: string;
  years: number;
  ipTypes: NewIpItem['type'][];
  teamShareBp: number;
}

export function buildResults(ctx: SeedContext, dir: Directory): ResultRef[] {
  const { clock } = ctx;
  const rng = new Rng(SEED + 3);
  const out: ResultRef[] = [];

  const add = (seed: InstitutionSeed, topic: Topic, field: IndustryField, securityClass: SecurityClass) => {
    const owner = dir.org(seed.key);
    const inventors = Array.from({ length: rng.int(3, 5) }, () => ctx.personName());
    // 措施十五: no 赋权 and no 单列管理 for results touching national interests.
    const ownership: OwnershipMode =
      securityClass === 'public'
        ? rng.weighted([
            ['institution', 62],
            ['co_owned', 22],
            ['long_term_use', 16],
          ] as const)
        : 'institution';
    let coOwners: CoOwner[] = [];
    let teamShareBp = 0;
    let longTermUseStartsOn: string | null = null;
    let longTermUseEndsOn: string | null = null;
    if (ownership === 'co_owned') {
      // 措施一: institution and team co-own; shares in basis points add up to exactly 100 %.
      const institutionShare = rng.pick([2000, 3000, 3000, 4000, 5000]);
      teamShareBp = FULL_SHARE_BP - institutionShare;
      const members = inventors.slice(0, rng.int(2, 3));
      const units = members.map(() => 1); // in steps of 5 %
      for (let left = teamShareBp / 500 - members.length; left > 0; left--) units[rng.int(0, members.length - 1)]! += 1;
      units.sort((a, b) => b - a);
      coOwners = [
        { name: seed.name, shareBp: institutionShare, party: 'institution' },
        ...members.map((name, i) => ({ name, shareBp: units[i]! * 500, party: 'team' as const })),
      ];
    } else if (ownership === 'long_term_use') {
      // 措施一: a long-term use right of at least ten years, granted a while ago and still running.
      const years = rng.pick([10, 10, 10, 12, 15, 20]);
      longTermUseStartsOn = shanghaiDate(clock.ago(rng.between(30 * DAY, 900 * DAY)));
      longTermUseEndsOn = addYearsClamped(longTermUseStartsOn, years);
    }
    const createdAt = owner.verified
      ? clock.ago(rng.between(260 * DAY, 600 * DAY))
      : new Date(owner.createdAt.getTime() + rng.between(HOUR, 3 * HOUR));
    const id = randomUUID();
    const items = ipItems(rng, clock.now, field, topic.title, seed.name);
    items.forEach((item, position) => ctx.plan.ipItems.push({ resultId: id, position, ...item }));
    out.push({
      row: {
        id,
        institutionId: owner.id,
        title: topic.title,
        summary: topic.summary,
        field,
        maturity: maturityOf(topic),
        inventors: inventors.join('、'),
        ownership,
        coOwners,
        longTermUseStartsOn,
        longTermUseEndsOn,
        securityClass,
        separatelyManaged: securityClass === 'public' && rng.chance(0.25),
        status: 'active',
        convertedAt: null,
        createdBy: rng.pick(owner.people).id,
        createdAt,
        updatedAt: createdAt,
      },
      org: owner,
      seed,
      topic,
      field,
      leader: inventors[0]!,
      years: rng.int(2, 8),
      ipTypes: items.map((i) => i.type),
      teamShareBp,
    });
  };

  // Topics of a field go round-robin to the institutions working in it.
  for (const field of INDUSTRY_FIELDS) {
    const owners = INSTITUTIONS.filter((i) => i.fields.includes(field));
    SUPPLY_TOPICS[field].forEach((line, i) => {
      const restricted = RESTRICTED_TOPICS.some(([f, j]) => f === field && j === i);
      add(owners[i % owners.length]!, parseTopic(line), field, restricted ? 'restricted' : 'public');
    });
  }
  for (const c of CLASSIFIED_TOPICS) {
    add(
      INSTITUTIONS.find((i) => i.key === c.institutionKey)!,
      parseTopic(c.text),
      c.field,
      'classified',
    );
  }
  return out;
}
