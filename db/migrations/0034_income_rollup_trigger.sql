-- 措施二 income roll-ups (server/ledger/income.ts): income_days (institution, day of receipt) and
-- income_results (institution, result) follow every payment written, moved or removed, in the same
-- transaction, by this trigger; then they are built once from the payments already recorded.
CREATE FUNCTION ledger_income_apply(p_institution uuid, p_result uuid, p_day date, p_fen bigint, p_n integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_n > 0 THEN
    INSERT INTO income_days AS d (institution_id, day, income_fen, payments)
    VALUES (p_institution, p_day, p_fen, p_n)
    ON CONFLICT (institution_id, day)
    DO UPDATE SET income_fen = d.income_fen + EXCLUDED.income_fen, payments = d.payments + EXCLUDED.payments;
    INSERT INTO income_results AS r (institution_id, result_id, income_fen, payments)
    VALUES (p_institution, p_result, p_fen, p_n)
    ON CONFLICT ON CONSTRAINT income_results_key
    DO UPDATE SET income_fen = r.income_fen + EXCLUDED.income_fen, payments = r.payments + EXCLUDED.payments;
  ELSE
    -- A removal: the row exists (its payment was counted); a day or result without payments goes.
    DELETE FROM income_days
      WHERE institution_id = p_institution AND day = p_day AND payments + p_n <= 0;
    UPDATE income_days SET income_fen = income_fen + p_fen, payments = payments + p_n
      WHERE institution_id = p_institution AND day = p_day;
    DELETE FROM income_results
      WHERE institution_id = p_institution AND result_id IS NOT DISTINCT FROM p_result AND payments + p_n <= 0;
    UPDATE income_results SET income_fen = income_fen + p_fen, payments = payments + p_n
      WHERE institution_id = p_institution AND result_id IS NOT DISTINCT FROM p_result;
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION ledger_income_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM ledger_income_apply(OLD.institution_id, OLD.result_id, OLD.received_on, -OLD.amount_fen, -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM ledger_income_apply(NEW.institution_id, NEW.result_id, NEW.received_on, NEW.amount_fen, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER payments_income_rollup
  AFTER INSERT OR DELETE OR UPDATE OF institution_id, result_id, received_on, amount_fen
  ON payments FOR EACH ROW EXECUTE FUNCTION ledger_income_rollup();
--> statement-breakpoint
INSERT INTO income_days (institution_id, day, income_fen, payments)
  SELECT institution_id, received_on, sum(amount_fen), count(*) FROM payments GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO income_results (institution_id, result_id, income_fen, payments)
  SELECT institution_id, result_id, sum(amount_fen), count(*) FROM payments GROUP BY 1, 2;
