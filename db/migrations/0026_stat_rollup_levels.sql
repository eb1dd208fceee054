CREATE TABLE "stat_rollup_cells" (
	"level" text NOT NULL,
	"metric" text NOT NULL,
	"month" date NOT NULL,
	"organisation_id" uuid,
	"region" text,
	"category" text DEFAULT '' NOT NULL,
	"bucket" integer DEFAULT 0 NOT NULL,
	"count" bigint NOT NULL,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"base_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "stat_rollup_cells_key" UNIQUE NULLS NOT DISTINCT("level","metric","month","organisation_id","region","category","bucket")
);
--> statement-breakpoint
DROP INDEX "payments_conversion_idx";--> statement-breakpoint
CREATE INDEX "stat_rollup_cells_org_idx" ON "stat_rollup_cells" USING btree ("level","organisation_id","metric","month");--> statement-breakpoint
CREATE INDEX "stat_rollup_cells_metric_month_idx" ON "stat_rollup_cells" USING btree ("level","metric","month");--> statement-breakpoint
CREATE INDEX "payments_conversion_idx" ON "payments" USING btree ("conversion_id","received_on","amount_fen");