-- The ledger (migration 0013 moved every deal into `conversions` and `contracts`, ids kept) is the one
-- record of a deal from now on (docs/ledger.md).
DROP TABLE "deals" CASCADE;