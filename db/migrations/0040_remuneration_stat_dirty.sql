-- 措施十二、十三: a reward entry paid (or its payout day set) marks its month stale for the statistics
-- roll-up (server/statistics/researcher-sources.ts, metric reward_paid).
CREATE TRIGGER remuneration_entries_stat_dirty AFTER INSERT OR UPDATE OF status, paid_on
  ON remuneration_entries FOR EACH ROW EXECUTE FUNCTION stat_mark_dirty('paid_on');
