-- 措施五 / issue 17: the ledger becomes the only table of truth for pay-later payments. Lines written
-- since 0013 were kept on both sides (same ids); this brings anything the two disagree on into the
-- ledger before the next migration drops paylater_payments.
DO $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM paylater_licences pl
    WHERE NOT EXISTS (SELECT 1 FROM conversions c WHERE c.paylater_licence_id = pl.id)
  ) THEN
    RAISE EXCEPTION 'a pay-later licence has no conversion in the ledger; run 0013 first';
  END IF;
END $$;
--> statement-breakpoint
INSERT INTO schedule_items (id, conversion_id, seq, kind, amount_fen, due_on, status, reminded_at, overdue_at, created_at)
SELECT pp.id, c.id, pp.seq, CASE WHEN pp.kind = 'fee' THEN 'instalment' ELSE 'royalty' END,
  CASE WHEN pp.status = 'paid' THEN coalesce(pp.amount_fen, pp.paid_amount_fen) ELSE pp.amount_fen END,
  pp.due_on, CASE WHEN pp.status = 'paid' THEN 'paid' ELSE 'open' END, pp.reminded_at, pp.overdue_at, c.created_at
FROM paylater_payments pp
JOIN conversions c ON c.paylater_licence_id = pp.licence_id
WHERE NOT EXISTS (SELECT 1 FROM schedule_items si WHERE si.id = pp.id);
--> statement-breakpoint
UPDATE schedule_items si
SET due_on = pp.due_on,
  reminded_at = coalesce(si.reminded_at, pp.reminded_at),
  overdue_at = coalesce(si.overdue_at, pp.overdue_at),
  status = CASE WHEN pp.status = 'paid' THEN 'paid' ELSE si.status END,
  amount_fen = CASE WHEN pp.status = 'paid' THEN coalesce(si.amount_fen, pp.paid_amount_fen) ELSE si.amount_fen END
FROM paylater_payments pp
WHERE pp.id = si.id;
--> statement-breakpoint
INSERT INTO payments (
  conversion_id, institution_id, result_id, schedule_item_id, amount_fen, received_on, payer_name, note,
  recorded_by, created_at
)
SELECT c.id, c.institution_id, c.result_id, pp.id, pp.paid_amount_fen, pp.paid_on, c.counterparty_name,
  coalesce(pp.paid_note, ''), pp.marked_by, coalesce(pp.marked_at, c.updated_at)
FROM paylater_payments pp
JOIN conversions c ON c.paylater_licence_id = pp.licence_id
WHERE pp.status = 'paid' AND pp.paid_amount_fen > 0
  AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.schedule_item_id = pp.id);
--> statement-breakpoint
-- 措施十三 statistics: the licence_payment metric now reads schedule_items (server/statistics/sources.ts).
CREATE TRIGGER schedule_items_stat_dirty AFTER INSERT OR DELETE OR UPDATE OF due_on, status, overdue_at, amount_fen
  ON schedule_items FOR EACH ROW EXECUTE FUNCTION stat_mark_dirty('due_on');
--> statement-breakpoint
-- Its source changed: every month is rebuilt once.
INSERT INTO stat_dirty (source, month) VALUES ('dimensions', '0001-01-01') ON CONFLICT DO NOTHING;
