-- 措施二 income report (server/ledger/income.ts): an institution's days read from the index alone. Its
-- income_days rows lie scattered through the table (written day by day for every institution), so
-- the periods and the total of the bench's large institution (1,975 days) visited 1,598 heap pages
-- (337 ms when not cached) for 14 pages of the primary key; with the sums in the index, ~16 pages.
-- Not in the drizzle schema (it cannot say INCLUDE); drizzle-kit leaves indexes it does not know alone.
CREATE INDEX income_days_report_idx ON income_days (institution_id, day) INCLUDE (income_fen, payments);
