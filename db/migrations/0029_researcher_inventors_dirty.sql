-- 措施十三 researcher dimension (server/statistics/researcher-sources.ts): the researcher figures read
-- the inventors named on a result. Editing them makes every month of those figures stale (and only
-- those: the source name `result_inventors` belongs to the researcher metrics alone).
CREATE FUNCTION stat_mark_inventors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stat_dirty (source, month) VALUES ('result_inventors', '0001-01-01') ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER results_stat_inventors AFTER UPDATE OF inventors
  ON results FOR EACH ROW WHEN (OLD.inventors IS DISTINCT FROM NEW.inventors)
  EXECUTE FUNCTION stat_mark_inventors();
