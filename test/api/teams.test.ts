// Issue 18 step 2: the institution's team editor (shares exact, units and accounts its own) and the
// researcher's own results; refused roles and bad input write nothing.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  createOperator,
  researcherSession,
  resultBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';

let t: TestContext;
let operator: Session;
let institution: Session;
let otherInstitution: Session;
let enterprise: Session;
let researcher: Session;
let otherResearcher: Session;
let resultId: string;
let unitId: string;

beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_LIMIT: '100000' });
  operator = await createOperator(t.app, t.database.db);
  institution = await verifiedMember(t.app, operator, 'institution');
  otherInstitution = await verifiedMember(t.app, operator, 'institution');
  enterprise = await verifiedMember(t.app, operator, 'enterprise');
  researcher = await researcherSession(t.app, institution, t.config.mail.dir, { displayName: '李明' });
  otherResearcher = await researcherSession(t.app, otherInstitution, t.config.mail.dir);
  const inst = as(t.app, institution);
  resultId = (await inst({ method: 'POST', url: '/api/v1/results', payload: resultBody() })).json().id;
  const unit = await inst({ method: 'POST', url: '/api/v1/my/org-units', payload: { name: '材料科学与工程学院' } });
  expect(unit.statusCode).toBe(201);
  unitId = unit.json().id;
}, 180_000);
afterAll(() => t.close());

async function teamRows(): Promise<Array<{ name: string; share_bp: number }>> {
  const r = await t.database.db.execute<{ name: string; share_bp: number }>(
    sql`select name, share_bp from result_team_members where result_id = ${resultId} order by position`,
  );
  return r.rows;
}

const put = (who: Session | null, members: unknown, id = resultId) =>
  as(t.app, who)({ method: 'PUT', url: `/api/v1/results/${id}/team`, payload: { members } });

describe('team editor', () => {
  it("a new result's typed names become a team to confirm, with equal shares", async () => {
    const res = await as(t.app, institution)({ method: 'GET', url: `/api/v1/results/${resultId}/team` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ needsConfirmation: true, confirmedAt: null });
    expect(res.json().members.map((m: { name: string; shareBp: number }) => [m.name, m.shareBp])).toEqual([
      ['张伟', 5000],
      ['刘洋', 5000],
    ]);
  });

  it('saves a team with exact shares, a unit and a linked researcher; the researcher sees it', async () => {
    const res = await put(institution, [
      { name: '李明', roleInWork: '项目负责人', shareBp: 5000, orgUnitId: unitId, userId: researcher.userId },
      { name: '张华', roleInWork: '主要完成人', shareBp: 3334 },
      { name: '王磊', shareBp: 1666, principalLeader: true },
    ]);
    expect(res.statusCode).toBe(200);
    const team = res.json();
    expect(team.needsConfirmation).toBe(false);
    expect(team.confirmedAt).not.toBeNull();
    expect(team.members).toEqual([
      expect.objectContaining({ position: 1, name: '李明', orgUnitName: '材料科学与工程学院', accountName: '李明' }),
      expect.objectContaining({ position: 2, name: '张华', shareBp: 3334, userId: null }),
      expect.objectContaining({ position: 3, name: '王磊', principalLeader: true }),
    ]);
    // The listing's names follow the team.
    const result = await as(t.app, institution)({ method: 'GET', url: `/api/v1/results/${resultId}` });
    expect(result.json().inventors).toBe('李明、张华、王磊');

    const mine = await as(t.app, researcher)({ method: 'GET', url: '/api/v1/researcher/results' });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toEqual([
      expect.objectContaining({ id: resultId, shareBp: 5000, roleInWork: '项目负责人', principalLeader: false }),
    ]);
    const others = await as(t.app, otherResearcher)({ method: 'GET', url: '/api/v1/researcher/results' });
    expect(others.json().items).toEqual([]);
  });

  it('refuses bad teams and other roles, and writes nothing', async () => {
    const before = await teamRows();
    const audit = async () =>
      (await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log`)).rows[0]!.n;
    const auditBefore = await audit();
    const ok = [{ name: '李明', shareBp: 10_000 }];
    const cases: Array<[Session | null, unknown, number, string, string?]> = [
      [
        institution,
        [
          { name: '李明', shareBp: 5000 },
          { name: '张华', shareBp: 4999 },
        ],
        422,
        'TEAM_SHARES_MUST_TOTAL_100',
      ],
      [
        institution,
        [
          { name: '李明', shareBp: 5000 },
          { name: '张华', shareBp: 5001 },
        ],
        422,
        'TEAM_SHARES_MUST_TOTAL_100',
      ],
      [
        institution,
        [
          { name: '李明', shareBp: 0 },
          { name: '张华', shareBp: 10_000 },
        ],
        400,
        'VALIDATION_FAILED',
      ],
      [
        institution,
        [
          { name: '李明', shareBp: 50.5 },
          { name: '张华', shareBp: 49.5 },
        ],
        400,
        'VALIDATION_FAILED',
      ],
      [institution, [], 400, 'VALIDATION_FAILED'],
      [institution, [{ name: '', shareBp: 10_000 }], 400, 'VALIDATION_FAILED'],
      [institution, [{ name: '李明', shareBp: 10_000, extra: 1 }], 400, 'VALIDATION_FAILED'],
      [
        institution,
        [
          { name: '李明', shareBp: 5000, userId: researcher.userId },
          { name: '李明', shareBp: 5000, userId: researcher.userId },
        ],
        422,
        'TEAM_ACCOUNT_TWICE',
      ],
      // The institution's own admin is not a researcher; another institution's researcher is not theirs.
      [
        institution,
        [{ name: '李老师', shareBp: 10_000, userId: institution.userId }],
        422,
        'TEAM_ACCOUNT_NOT_RESEARCHER',
      ],
      [
        institution,
        [{ name: '某人', shareBp: 10_000, userId: otherResearcher.userId }],
        422,
        'TEAM_ACCOUNT_NOT_RESEARCHER',
      ],
      [institution, [{ name: '李明', shareBp: 10_000, orgUnitId: resultId }], 404, 'ORG_UNIT_NOT_FOUND'],
      [otherInstitution, ok, 404, 'RESULT_NOT_FOUND'],
      [enterprise, ok, 403, 'WRONG_ORG_KIND'],
      [researcher, ok, 403, 'FORBIDDEN'],
      [operator, ok, 403, 'FORBIDDEN'],
      [null, ok, 401, 'UNAUTHENTICATED'],
    ];
    for (const [who, members, status, code] of cases) {
      const res = await put(who, members);
      expect([JSON.stringify(members), res.statusCode, res.json().error.code]).toEqual([
        JSON.stringify(members),
        status,
        code,
      ]);
    }
    expect(await teamRows()).toEqual(before);
    expect(await audit()).toBe(auditBefore);

    for (const [who, status] of [
      [otherInstitution, 404],
      [enterprise, 403],
      [researcher, 403],
      [operator, 403],
      [null, 401],
    ] as const) {
      const res = await as(t.app, who)({ method: 'GET', url: `/api/v1/results/${resultId}/team` });
      expect(res.statusCode).toBe(status);
    }
    for (const who of [institution, enterprise, operator]) {
      const res = await as(t.app, who)({ method: 'GET', url: '/api/v1/researcher/results' });
      expect(res.statusCode).toBe(403);
    }
  });
});
