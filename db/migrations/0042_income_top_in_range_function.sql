-- 措施二 income report (server/ledger/income.ts): the list per result for a bounded range, largest first,
-- computed inside PostgreSQL in one call. The app ran the same walk as a transaction of up to ten
-- statements (begin, settings, the range's payment count, a statement per round, titles, commit); on
-- the shared machine every round trip waits for the app and a backend to be scheduled again, and that
-- waiting, not the work, set the API's p95. STABLE: every statement inside reads the calling
-- statement's snapshot, so the walk is exact without a repeatable-read transaction around it.
--
-- The walk (docs/ledger.md): a result's income in a range is at most its all-time income
-- (income_results), so results are taken in order of all-time income in rounds of p_first, twice that
-- and so on, their payments in the range summed (index-only on payments_result_received_idx), until
-- the all-time income of the last result looked at is below the p_limit-th best found (an equal one
-- could still enter on the tie-break by result id, so the walk goes on past equals). Once p_most
-- results were looked at (default: a fifth of the range's payments, from income_days) without
-- stopping, every payment of the range is summed instead (index-only on
-- payments_institution_received_idx), which is then the cheaper way.
CREATE TYPE ledger_income_line AS (result_id uuid, income_fen bigint, payments integer);
--> statement-breakpoint
CREATE FUNCTION ledger_income_top_in_range(
  p_institution uuid, p_from date, p_to date, p_limit integer, p_first integer DEFAULT 500, p_most bigint DEFAULT NULL
) RETURNS SETOF ledger_income_line
LANGUAGE plpgsql STABLE
-- Its statements' cost estimates cross the JIT threshold for a large institution, and compiling costs
-- more than they take; a range summed whole groups ~73,000 results in memory (it spilled at 4 MB).
SET jit = off
SET work_mem = '32MB'
ROWS 100
AS $$
DECLARE
  lo date := coalesce(p_from, '-infinity'::date);
  hi date := coalesce(p_to, 'infinity'::date);
  most bigint := p_most;
  seen bigint := 0;
  batch bigint := p_first;
  taken integer;
  last_fen bigint;
  best ledger_income_line[] := '{}';
BEGIN
  IF most IS NULL THEN
    SELECT coalesce(sum(d.payments), 0) / 5 INTO most FROM income_days d
    WHERE d.institution_id = p_institution AND d.day BETWEEN lo AND hi;
  END IF;
  WHILE seen < most LOOP
    WITH c AS (
      SELECT r.result_id, r.income_fen FROM income_results r WHERE r.institution_id = p_institution
      ORDER BY r.income_fen DESC, r.result_id LIMIT batch OFFSET seen),
    s AS (
      SELECT c.result_id, x.fen, x.n FROM c CROSS JOIN LATERAL (
        SELECT sum(p.amount_fen)::bigint AS fen, count(*)::integer AS n FROM payments p
        WHERE p.result_id = c.result_id AND p.institution_id = p_institution
          AND p.received_on BETWEEN lo AND hi) x
      WHERE x.n > 0
      UNION ALL
      -- The result-less line (a demand without a result), if among them: equality never matches null.
      SELECT NULL::uuid, sum(p.amount_fen)::bigint, count(*)::integer FROM payments p
      WHERE p.result_id IS NULL AND p.institution_id = p_institution AND p.received_on BETWEEN lo AND hi
        AND EXISTS (SELECT 1 FROM c WHERE c.result_id IS NULL)
      HAVING count(*) > 0),
    merged AS (
      SELECT b.result_id, b.income_fen AS fen, b.payments AS n FROM unnest(best) b
      UNION ALL SELECT s.result_id, s.fen, s.n FROM s)
    SELECT (SELECT count(*)::integer FROM c), (SELECT min(c.income_fen) FROM c),
      coalesce((SELECT array_agg(ROW(m.result_id, m.fen, m.n)::ledger_income_line ORDER BY m.fen DESC, m.result_id)
        FROM (SELECT * FROM merged ORDER BY fen DESC, result_id LIMIT p_limit) m), '{}')
    INTO taken, last_fen, best;
    IF taken < batch THEN
      RETURN QUERY SELECT * FROM unnest(best);
      RETURN;
    END IF;
    IF cardinality(best) = p_limit AND last_fen < (best[p_limit]).income_fen THEN
      RETURN QUERY SELECT * FROM unnest(best);
      RETURN;
    END IF;
    seen := seen + batch;
    batch := batch * 2;
  END LOOP;
  RETURN QUERY
    SELECT p.result_id, sum(p.amount_fen)::bigint, count(*)::integer FROM payments p
    WHERE p.institution_id = p_institution AND p.received_on BETWEEN lo AND hi
    GROUP BY p.result_id ORDER BY 2 DESC, 1 LIMIT p_limit;
END $$;
