-- Existing rows brought in line with the policy rules of issue 15 (docs/policy.md) before the next
-- migration adds the check constraints that restate them. Nothing recorded is rewritten: rows that
-- cannot be completed from what is stored are flagged for the institution or the operators instead.

-- 措施十五: every existing organisation registered with a mainland 统一社会信用代码, so it is domiciled
-- in the mainland (the column's default). Those registered as 外资 are where the old rule assumed
-- "abroad": operators confirm their domicile in the review list.
UPDATE organisations SET domicile_review_pending = true WHERE ownership_type = 'foreign';
--> statement-breakpoint

-- 措施一: co-owners gain a party. An entry named exactly as the institution is its share; the rest
-- are the team's. A co-owned result without an institution share (or a team share) is flagged.
UPDATE results r
SET co_owners = (
  SELECT coalesce(
    jsonb_agg(
      x.e || jsonb_build_object('party', CASE WHEN btrim(x.e ->> 'name') = o.name THEN 'institution' ELSE 'team' END)
      ORDER BY x.ord
    ),
    '[]'::jsonb
  )
  FROM jsonb_array_elements(r.co_owners) WITH ORDINALITY AS x(e, ord)
)
FROM organisations o
WHERE o.id = r.institution_id AND jsonb_typeof(r.co_owners) = 'array' AND jsonb_array_length(r.co_owners) > 0;
--> statement-breakpoint
UPDATE results SET rights_review = 'co_owner_institution_missing'
WHERE ownership = 'co_owned'
  AND NOT (
    jsonb_path_exists(co_owners, '$[*] ? (@.party == "institution" && @.shareBp > 0)')
    AND jsonb_path_exists(co_owners, '$[*] ? (@.party == "team" && @.shareBp > 0)')
  );
--> statement-breakpoint

-- 措施一: a long-term use right is recorded by its first and last day. The start is derived from the
-- stored term and end (end − term years); where either is missing, or the right has already ended,
-- the institution is asked to complete or renew it.
UPDATE results
SET long_term_use_starts_on = (long_term_use_ends_on - make_interval(years => long_term_use_years))::date
WHERE ownership = 'long_term_use' AND long_term_use_years IS NOT NULL AND long_term_use_ends_on IS NOT NULL;
--> statement-breakpoint
UPDATE results SET rights_review = 'long_term_use_start_unknown'
WHERE ownership = 'long_term_use' AND (long_term_use_starts_on IS NULL OR long_term_use_ends_on IS NULL);
--> statement-breakpoint
UPDATE results SET rights_review = 'long_term_use_ended'
WHERE ownership = 'long_term_use' AND rights_review IS NULL
  AND long_term_use_ends_on < (now() AT TIME ZONE 'Asia/Shanghai')::date;
--> statement-breakpoint

-- 措施八: a demand stored without a budget was negotiable in all but name; it now says so.
UPDATE listings SET budget_negotiable = true WHERE kind = 'demand' AND price_fen IS NULL;
--> statement-breakpoint

-- A licence whose scope was never stated is a non-exclusive one: 最高人民法院关于审理技术合同纠纷案件适用
-- 法律若干问题的解释 第二十五条 (当事人对专利实施许可方式没有约定或者约定不明确的，认定为普通实施许可).
UPDATE listings SET license_scope = 'non_exclusive' WHERE kind = 'supply' AND 'license' = ANY (transaction_types);
--> statement-breakpoint
UPDATE deals SET license_scope = 'non_exclusive' WHERE transaction_type = 'license';
--> statement-breakpoint

-- One result, one buyer of exclusive rights: where several listings already hold the same result
-- with exclusive rights, the earliest submitted keeps it and the others are flagged for operators.
UPDATE listings l SET exclusivity_conflict = true
FROM (
  SELECT id, row_number() OVER (PARTITION BY result_id ORDER BY coalesce(submitted_at, created_at), id) AS n
  FROM listings
  WHERE kind = 'supply'
    AND status IN ('pending_review', 'showcase', 'notice', 'objection_review', 'listed', 'auction', 'matched')
    AND (transaction_types && ARRAY['transfer', 'equity']::text[] OR license_scope IN ('exclusive', 'sole'))
) c
WHERE c.id = l.id AND c.n > 1;
--> statement-breakpoint

-- 措施四: the price each recorded deal was bound to. A deal at its match's price records which price
-- that was; one at another amount (the old rules allowed it) is kept as recorded and marked unverified.
UPDATE deals d
SET price_basis = CASE
    WHEN l.pricing_mode = 'negotiable' THEN 'negotiable'
    WHEN d.amount_fen IS DISTINCT FROM l.matched_price_fen OR l.match_route IS NULL THEN 'unverified'
    WHEN l.match_route IN ('notice', 'window_agreed') THEN 'agreed_price'
    WHEN l.match_route = 'claim' THEN 'listed_price'
    ELSE 'hammer_price'
  END,
  bound_price_fen = CASE
    WHEN l.pricing_mode <> 'negotiable' AND l.match_route IS NOT NULL AND d.amount_fen = l.matched_price_fen
      THEN l.matched_price_fen
  END,
  -- Registered counterparties are all mainland now; an unregistered one was never asked.
  counterparty_domicile = 'mainland'
FROM listings l
WHERE l.id = d.listing_id;
--> statement-breakpoint

-- 措施十五: an export-control confirmation was given for a listing; it now belongs to the listing's result.
UPDATE export_control_confirmations e SET result_id = l.result_id FROM listings l WHERE l.id = e.listing_id;
