-- 措施十二、十四: reward entries once approved are evidence. An approved entry may only become paid
-- (its payout fields set, nothing else changed); a paid entry never changes; neither is deleted. A
-- correction is a new entry naming the one it corrects. Pending and 正职 (separate) entries carry no
-- decision yet, but they are not deleted either: the award they came from stands.
CREATE FUNCTION remuneration_entries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'remuneration_entries is append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.id, NEW.award_id, NEW.institution_id, NEW.conversion_id, NEW.form, NEW.position, NEW.member_name,
      NEW.user_id, NEW.share_bp, NEW.principal_leader, NEW.amount_fen, NEW.shares, NEW.corrects_id,
      NEW.correction_reason, NEW.created_by, NEW.created_at)
     IS DISTINCT FROM
     (OLD.id, OLD.award_id, OLD.institution_id, OLD.conversion_id, OLD.form, OLD.position, OLD.member_name,
      OLD.user_id, OLD.share_bp, OLD.principal_leader, OLD.amount_fen, OLD.shares, OLD.corrects_id,
      OLD.correction_reason, OLD.created_by, OLD.created_at) THEN
    RAISE EXCEPTION 'a reward entry''s amount and member never change' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'pending' AND NEW.status IN ('pending', 'approved') THEN
    RETURN NEW;
  END IF;
  IF OLD.status = 'approved' AND NEW.status = 'paid'
     AND (NEW.approved_at, NEW.approved_by, NEW.approval_decision_id)
         IS NOT DISTINCT FROM (OLD.approved_at, OLD.approved_by, OLD.approval_decision_id) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'an approved reward entry is append-only (% → %)', OLD.status, NEW.status
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER remuneration_entries_append_only BEFORE UPDATE OR DELETE ON remuneration_entries
  FOR EACH ROW EXECUTE FUNCTION remuneration_entries_guard();
--> statement-breakpoint
-- Policies, awards and costs are records of what was decided and computed: never changed or removed
-- (a new policy is a new version; a cost is reversed by a new row).
CREATE TRIGGER remuneration_policies_append_only BEFORE UPDATE OR DELETE ON remuneration_policies
  FOR EACH ROW EXECUTE FUNCTION dossier_refuse_change();
--> statement-breakpoint
CREATE TRIGGER remuneration_awards_append_only BEFORE UPDATE OR DELETE ON remuneration_awards
  FOR EACH ROW EXECUTE FUNCTION dossier_refuse_change();
--> statement-breakpoint
CREATE TRIGGER conversion_costs_append_only BEFORE UPDATE OR DELETE ON conversion_costs
  FOR EACH ROW EXECUTE FUNCTION dossier_refuse_change();
