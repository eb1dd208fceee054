-- The bid log is the auction's evidence (issue 6 §5, verified by `npm run auction:verify`): once
-- written, a bid never changes or disappears. Refuse every UPDATE and DELETE.
CREATE FUNCTION bids_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'bids is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER bids_append_only BEFORE UPDATE OR DELETE ON bids
  FOR EACH ROW EXECUTE FUNCTION bids_refuse_change();
