-- The conversion ledger (docs/ledger.md) takes over what was recorded before it: every deal, every
-- landed demand project and every pay-later licence with its payments becomes one conversion with its
-- contract. Ids are kept (a deal's id is its conversion's id, a licence's id its conversion's, a
-- pay-later payment's id its schedule line's), so links written before stay resolvable.

-- Deals (route `deal`): signed on the deal day; no schedule is known, so none is invented.
INSERT INTO conversions (
  id, institution_id, result_id, route, origin, listing_id, counterparty_org_id, counterparty_name,
  counterparty_credit_code, counterparty_ownership, counterparty_domicile, counterparty_own_subsidiary,
  transaction_type, license_scope, price_basis, bound_price_fen, appraisal, basis,
  landing_confirmed_at, landing_confirmed_by, recorded_by, created_at, updated_at
)
SELECT d.id, d.institution_id, d.result_id, 'deal',
  CASE WHEN l.pricing_mode = 'negotiable' THEN 'showcase'
       WHEN l.match_route IS NOT NULL THEN l.match_route
       WHEN l.pricing_mode = 'fixed' THEN 'claim'
       WHEN l.pricing_mode = 'auction' THEN 'auction'
       ELSE 'notice' END,
  d.listing_id, d.counterparty_org_id, d.counterparty_name, o.credit_code, d.counterparty_ownership,
  d.counterparty_domicile, d.counterparty_own_subsidiary, d.transaction_type, d.license_scope, d.price_basis,
  d.bound_price_fen, d.appraisal, d.basis, d.landing_confirmed_at, d.landing_confirmed_by, d.recorded_by,
  d.created_at, d.created_at
FROM deals d
JOIN listings l ON l.id = d.listing_id
LEFT JOIN organisations o ON o.id = d.counterparty_org_id;
--> statement-breakpoint
INSERT INTO contracts (
  conversion_id, institution_id, contract_type, title, seller_name, seller_credit_code, buyer_name,
  buyer_credit_code, amount_fen, technology_amount_fen, payment_methods, signed_on, status, created_at, updated_at
)
SELECT d.id, d.institution_id, CASE WHEN d.transaction_type = 'equity' THEN 'transfer' ELSE d.transaction_type END,
  l.title, i.name, i.credit_code, d.counterparty_name, o.credit_code, d.amount_fen, d.amount_fen,
  ARRAY['lump_sum']::text[], (d.created_at AT TIME ZONE 'Asia/Shanghai')::date, 'effective', d.created_at, d.created_at
FROM deals d
JOIN listings l ON l.id = d.listing_id
JOIN organisations i ON i.id = d.institution_id
LEFT JOIN organisations o ON o.id = d.counterparty_org_id;
--> statement-breakpoint

-- Landed demand projects (route `demand`): both sides confirmed; the technology-development contract
-- at the awarded quote, signed on the day of the later confirmation.
INSERT INTO conversions (
  institution_id, route, listing_id, proposal_id, counterparty_org_id, counterparty_name,
  counterparty_credit_code, counterparty_ownership, counterparty_domicile, transaction_type, price_basis,
  created_at, updated_at
)
SELECT p.organisation_id, 'demand', p.listing_id, p.id, l.organisation_id, e.name, e.credit_code,
  e.ownership_type, e.domicile, 'development', 'proposal_quote',
  greatest(p.enterprise_confirmed_at, p.institution_confirmed_at),
  greatest(p.enterprise_confirmed_at, p.institution_confirmed_at)
FROM proposals p
JOIN listings l ON l.id = p.listing_id
JOIN organisations e ON e.id = l.organisation_id
WHERE p.status = 'awarded' AND p.enterprise_confirmed_at IS NOT NULL AND p.institution_confirmed_at IS NOT NULL;
--> statement-breakpoint
INSERT INTO contracts (
  conversion_id, institution_id, contract_type, title, seller_name, seller_credit_code, buyer_name,
  buyer_credit_code, amount_fen, technology_amount_fen, payment_methods, signed_on, status, created_at, updated_at
)
SELECT c.id, c.institution_id, 'development', l.title, i.name, i.credit_code, c.counterparty_name,
  c.counterparty_credit_code, p.quote_fen, p.quote_fen, ARRAY['lump_sum']::text[],
  (c.created_at AT TIME ZONE 'Asia/Shanghai')::date, 'effective', c.created_at, c.created_at
FROM conversions c
JOIN proposals p ON p.id = c.proposal_id
JOIN listings l ON l.id = c.listing_id
JOIN organisations i ON i.id = c.institution_id
WHERE c.route = 'demand';
--> statement-breakpoint

-- 措施八: the operators' reward confirmations, on the conversion from now on.
UPDATE conversions c
SET reward_confirmed_at = r.created_at, reward_confirmed_by = r.operator_id, reward_note = r.note
FROM reward_confirmations r
WHERE r.listing_id = c.listing_id AND c.route IN ('deal', 'demand')
  AND c.id = (SELECT min(c2.id::text)::uuid FROM conversions c2 WHERE c2.listing_id = r.listing_id AND c2.route IN ('deal', 'demand'));
--> statement-breakpoint

-- Pay-later licences (route `paylater`, 措施五): a non-exclusive licence at the accepted terms.
INSERT INTO conversions (
  id, institution_id, result_id, route, paylater_licence_id, counterparty_org_id, counterparty_name,
  counterparty_credit_code, counterparty_ownership, counterparty_domicile, transaction_type, license_scope,
  price_basis, bound_price_fen, appraisal, basis, created_at, updated_at
)
SELECT pl.id, pl.institution_id, pl.result_id, 'paylater', pl.id, pl.enterprise_id, e.name, e.credit_code,
  e.ownership_type, e.domicile, 'license', 'non_exclusive', 'paylater_terms', coalesce(pl.fee_fen, 0),
  'not_appraised', '先使用后付费许可（措施五），按双方接受的许可条件', pl.created_at, pl.updated_at
FROM paylater_licences pl
JOIN organisations e ON e.id = pl.enterprise_id;
--> statement-breakpoint
INSERT INTO contracts (
  conversion_id, institution_id, contract_type, title, seller_name, seller_credit_code, buyer_name,
  buyer_credit_code, amount_fen, technology_amount_fen, payment_methods, royalty_bp, royalty_base, signed_on,
  term_starts_on, term_ends_on, status, created_at, updated_at
)
SELECT pl.id, pl.institution_id, 'license', r.title || '（先使用后付费许可）', i.name, i.credit_code, e.name,
  e.credit_code, coalesce(pl.fee_fen, 0), coalesce(pl.fee_fen, 0),
  array_remove(ARRAY[
    CASE WHEN pl.fee_fen IS NOT NULL THEN 'lump_sum' END,
    CASE WHEN nullif(pl.royalty_bp, 0) IS NOT NULL THEN 'royalty' END
  ], NULL)::text[],
  nullif(pl.royalty_bp, 0), CASE WHEN nullif(pl.royalty_bp, 0) IS NOT NULL THEN '销售额' END,
  pl.signed_on, pl.signed_on, (pl.signed_on + make_interval(years => pl.term_years))::date,
  CASE WHEN pl.status = 'completed' THEN 'completed' ELSE 'effective' END, pl.created_at, pl.updated_at
FROM paylater_licences pl
JOIN results r ON r.id = pl.result_id
JOIN organisations i ON i.id = pl.institution_id
JOIN organisations e ON e.id = pl.enterprise_id;
--> statement-breakpoint
INSERT INTO schedule_items (id, conversion_id, seq, kind, amount_fen, due_on, status, reminded_at, overdue_at, created_at)
SELECT pp.id, pp.licence_id, pp.seq, CASE WHEN pp.kind = 'fee' THEN 'instalment' ELSE 'royalty' END,
  CASE WHEN pp.status = 'paid' THEN coalesce(pp.amount_fen, pp.paid_amount_fen) ELSE pp.amount_fen END,
  pp.due_on, CASE WHEN pp.status = 'paid' THEN 'paid' ELSE 'open' END, pp.reminded_at, pp.overdue_at, pl.created_at
FROM paylater_payments pp
JOIN paylater_licences pl ON pl.id = pp.licence_id;
--> statement-breakpoint
INSERT INTO payments (
  conversion_id, institution_id, result_id, schedule_item_id, amount_fen, received_on, payer_name, note,
  recorded_by, created_at
)
SELECT pl.id, pl.institution_id, pl.result_id, pp.id, pp.paid_amount_fen, pp.paid_on, e.name,
  coalesce(pp.paid_note, ''), pp.marked_by, coalesce(pp.marked_at, pl.updated_at)
FROM paylater_payments pp
JOIN paylater_licences pl ON pl.id = pp.licence_id
JOIN organisations e ON e.id = pl.enterprise_id
WHERE pp.status = 'paid' AND pp.paid_amount_fen > 0;
--> statement-breakpoint

-- A result is converted while it has an effective or completed conversion: pay-later licences count.
UPDATE results r
SET status = 'converted', converted_at = c.created_at, version = r.version + 1, updated_at = now()
FROM conversions c
WHERE c.result_id = r.id AND c.route = 'paylater' AND r.status = 'active';
