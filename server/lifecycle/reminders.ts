// Reminders before listing deadlines (domain/reminders.ts says who is reminded). One set-based pass,
// run by each worker's timer reconciler: in one transaction it records a `deadline_reminders` row for
// every running deadline within the lead time — ON CONFLICT DO NOTHING RETURNING, so only rows this
// pass inserted are notified — and notifies their parties. Two workers running at once, or one pass
// delivered twice, remind once; a deadline that moved is a new (listing, kind, instant) and reminds again.
import { sql } from 'drizzle-orm';
import { TIMER_KINDS, type TimerKind } from '../../domain/constants/lifecycle.js';
import { reminderLabel, reminderRecipients } from '../../domain/reminders.js';
import { TIMERS } from '../../domain/timers.js';
import { listings } from '../../db/schema/index.js';
import type { ServiceContext } from '../../platform/context.js';
import { notifyEach, type NotificationItem } from '../notifications/service.js';

export interface ReminderReport {
  /** Deadlines reminded by this pass. */
  reminded: number;
  /** Notifications stored (one per recipient user). */
  notifications: number;
}

interface DueRow extends Record<string, unknown> {
  listing_id: string;
  kind: TimerKind;
  deadline_at: string | Date;
  title: string;
  organisation_id: string;
  counterparty_org_id: string | null;
  objector_org_ids: string[] | null;
  claimant_org_ids: string[] | null;
  proposer_org_ids: string[] | null;
}

// Each timer kind's running deadline: its status and column (domain/timers.ts), as one union.
const RUNNING_DEADLINES = sql.join(
  TIMER_KINDS.map((kind) => {
    const t = TIMERS[kind];
    return sql`select ${listings.id} as listing_id, ${kind}::text as kind, ${listings[t.column]} as deadline_at
               from ${listings} where ${listings.status} = ${t.status} and ${listings[t.column]} is not null`;
  }),
  sql` union all `,
);

export async function sendDeadlineReminders(ctx: ServiceContext, leadMs: number): Promise<ReminderReport> {
  const now = ctx.now();
  const until = new Date(now.getTime() + leadMs);
  return ctx.db.transaction(async (tx) => {
    const result = await tx.execute<DueRow>(sql`
      -- domain/reminders.ts reminderDue, set-based: ahead of now and no further than the lead.
      with due as (
        select * from (${RUNNING_DEADLINES}) d
        where d.deadline_at > ${now.toISOString()}::timestamptz and d.deadline_at <= ${until.toISOString()}::timestamptz
      ), inserted as (
        insert into deadline_reminders (listing_id, kind, deadline_at, sent_at)
        select listing_id, kind, deadline_at, ${now.toISOString()}::timestamptz from due
        on conflict do nothing
        returning listing_id, kind, deadline_at
      )
      select i.listing_id, i.kind, i.deadline_at, l.title, l.organisation_id, l.counterparty_org_id,
             (select array_agg(distinct o.organisation_id) from objections o
               where o.listing_id = i.listing_id and o.status = 'standing'
                 and o.notice_round = l.notice_round) as objector_org_ids,
             (select array_agg(distinct c.organisation_id) from claims c
               where c.listing_id = i.listing_id) as claimant_org_ids,
             (select array_agg(distinct p.organisation_id) from proposals p
               where p.listing_id = i.listing_id and p.status = 'submitted') as proposer_org_ids
      from inserted i join listings l on l.id = i.listing_id`);
    // One statement for all of them (notifyEach): the pass holds the reminded listings' rows only as
    // long as two round trips, however many deadlines fall due together.
    const items: NotificationItem[] = result.rows.map((r) => {
      const deadlineAt = new Date(r.deadline_at);
      const orgIds = reminderRecipients(r.kind, {
        ownerOrgId: r.organisation_id,
        counterpartyOrgId: r.counterparty_org_id,
        objectorOrgIds: r.objector_org_ids ?? [],
        claimantOrgIds: r.claimant_org_ids ?? [],
        proposerOrgIds: r.proposer_org_ids ?? [],
      });
      return {
        recipients: { orgIds },
        kind: 'deadline_approaching',
        params: { listingId: r.listing_id, listingTitle: r.title, text: reminderLabel(r.kind), at: deadlineAt },
        data: { timerKind: r.kind, deadlineAt: deadlineAt.toISOString() },
      };
    });
    const notifications = await notifyEach(tx, items, now);
    return { reminded: result.rows.length, notifications };
  });
}
