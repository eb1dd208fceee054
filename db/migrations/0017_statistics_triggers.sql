-- 措施十三 statistics (server/statistics/rollup.ts): a change to a source row marks the months it is
-- counted in as stale, for the worker to rebuild. The trigger's arguments name the date columns the
-- metrics count the row by; the old and the new row are both marked (a moved date leaves two stale months).
CREATE FUNCTION stat_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r jsonb;
  col text;
  v text;
BEGIN
  FOREACH r IN ARRAY ARRAY[
    CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END
  ] LOOP
    CONTINUE WHEN r IS NULL;
    FOREACH col IN ARRAY TG_ARGV LOOP
      v := r ->> col;
      CONTINUE WHEN v IS NULL;
      INSERT INTO stat_dirty (source, month)
      VALUES (
        TG_TABLE_NAME,
        CASE WHEN length(v) = 10
          THEN date_trunc('month', v::date)::date
          ELSE date_trunc('month', v::timestamptz AT TIME ZONE 'Asia/Shanghai')::date END
      )
      ON CONFLICT DO NOTHING;
    END LOOP;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A dimension (a result's unit or field, an institution's city) changed: every month of every metric.
CREATE FUNCTION stat_mark_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stat_dirty (source, month) VALUES ('dimensions', '0001-01-01') ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER listings_stat_dirty AFTER INSERT OR DELETE OR UPDATE OF published_at, kind, pricing_mode, field, region, organisation_id
  ON listings FOR EACH ROW EXECUTE FUNCTION stat_mark_dirty('published_at');
--> statement-breakpoint
CREATE TRIGGER objections_stat_dirty AFTER INSERT OR DELETE OR UPDATE OF status
  ON objections FOR EACH ROW EXECUTE FUNCTION stat_mark_dirty('created_at');
--> statement-breakpoint
CREATE TRIGGER claims_stat_dirty AFTER INSERT OR DELETE
  ON claims FOR EACH ROW EXECUTE FUNCTION stat_mark_dirty('created_at');
--> statement-breakpoint
-- Only the closing matters: a bid updates the auction row without firing this.
CREATE TRIGGER auctions_stat_dirty AFTER INSERT OR DELETE OR UPDATE OF closed_at, result
  ON auctions FOR EACH ROW EXECUTE FUNCTION stat_mark_dirty('closed_at');
--> statement-breakpoint
CREATE TRIGGER pool_entries_stat_dirty AFTER INSERT OR DELETE OR UPDATE OF included_at, removed_at
  ON pool_entries FOR EACH ROW EXECUTE FUNCTION stat_mark_dirty('included_at', 'removed_at');
--> statement-breakpoint
CREATE TRIGGER paylater_licences_stat_dirty AFTER INSERT OR DELETE OR UPDATE OF signed_on, status
  ON paylater_licences FOR EACH ROW EXECUTE FUNCTION stat_mark_dirty('signed_on');
--> statement-breakpoint
CREATE TRIGGER paylater_payments_stat_dirty AFTER INSERT OR DELETE OR UPDATE OF due_on, status, overdue_at, amount_fen
  ON paylater_payments FOR EACH ROW EXECUTE FUNCTION stat_mark_dirty('due_on');
--> statement-breakpoint
CREATE TRIGGER proposals_stat_dirty AFTER INSERT OR DELETE OR UPDATE OF status, enterprise_confirmed_at, institution_confirmed_at
  ON proposals FOR EACH ROW EXECUTE FUNCTION stat_mark_dirty('created_at', 'enterprise_confirmed_at', 'institution_confirmed_at');
--> statement-breakpoint
CREATE TRIGGER reward_confirmations_stat_dirty AFTER INSERT OR DELETE
  ON reward_confirmations FOR EACH ROW EXECUTE FUNCTION stat_mark_dirty('created_at');
--> statement-breakpoint
CREATE TRIGGER results_stat_dimensions AFTER UPDATE OF org_unit_id, field, institution_id
  ON results FOR EACH ROW WHEN (OLD.org_unit_id IS DISTINCT FROM NEW.org_unit_id OR OLD.field IS DISTINCT FROM NEW.field)
  EXECUTE FUNCTION stat_mark_all();
--> statement-breakpoint
CREATE TRIGGER organisations_stat_dimensions AFTER UPDATE OF region
  ON organisations FOR EACH ROW WHEN (OLD.region IS DISTINCT FROM NEW.region)
  EXECUTE FUNCTION stat_mark_all();
--> statement-breakpoint
-- The ledger (docs/ledger.md): a contract counts by its signing month, income by its receipt month.
CREATE TRIGGER contracts_stat_dirty AFTER INSERT OR DELETE OR UPDATE OF signed_on, status, amount_fen, technology_amount_fen
  ON contracts FOR EACH ROW EXECUTE FUNCTION stat_mark_dirty('signed_on');
--> statement-breakpoint
CREATE TRIGGER payments_stat_dirty AFTER INSERT OR DELETE OR UPDATE OF received_on, amount_fen
  ON payments FOR EACH ROW EXECUTE FUNCTION stat_mark_dirty('received_on');
--> statement-breakpoint
-- A conversion's own columns are dimensions of every month its contract and payments count in.
CREATE TRIGGER conversions_stat_dimensions AFTER UPDATE OF route, transaction_type, counterparty_ownership, result_id, institution_id
  ON conversions FOR EACH ROW
  WHEN (OLD.route IS DISTINCT FROM NEW.route OR OLD.transaction_type IS DISTINCT FROM NEW.transaction_type
    OR OLD.counterparty_ownership IS DISTINCT FROM NEW.counterparty_ownership OR OLD.result_id IS DISTINCT FROM NEW.result_id
    OR OLD.institution_id IS DISTINCT FROM NEW.institution_id)
  EXECUTE FUNCTION stat_mark_all();
