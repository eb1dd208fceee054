-- 措施四 restated in the database (as deals_bound_price_check did before the ledger): a contract whose
-- conversion is bound to a price has exactly that fixed amount (domain/ledger.ts checkBoundAmount).
-- The price lives on the conversion and the amount on the contract, so a trigger checks it.
CREATE FUNCTION contracts_bound_price_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bound bigint;
BEGIN
  SELECT bound_price_fen INTO bound FROM conversions WHERE id = NEW.conversion_id;
  IF bound IS NOT NULL AND NEW.amount_fen <> bound THEN
    RAISE EXCEPTION 'contract amount % differs from the bound price %', NEW.amount_fen, bound
      USING ERRCODE = '23514', CONSTRAINT = 'contracts_bound_price_check', TABLE = 'contracts';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER contracts_bound_price_check
  BEFORE INSERT OR UPDATE OF amount_fen ON contracts
  FOR EACH ROW EXECUTE FUNCTION contracts_bound_price_check();
