-- The summary levels are derived from stat_cells: emptied here and marked for re-summing (server/statistics/rollup.ts LEVELS_MARK), which the next roll-up does from the cube without rebuilding it.
TRUNCATE "stat_rollup_cells";--> statement-breakpoint
ALTER TABLE "stat_rollup_cells" DROP CONSTRAINT "stat_rollup_cells_key";--> statement-breakpoint
DROP INDEX "stat_rollup_cells_org_idx";--> statement-breakpoint
DROP INDEX "stat_rollup_cells_metric_month_idx";--> statement-breakpoint
ALTER TABLE "stat_rollup_cells" ADD COLUMN "grain" text NOT NULL;--> statement-breakpoint
ALTER TABLE "stat_rollup_cells" ADD COLUMN "field" text;--> statement-breakpoint
ALTER TABLE "stat_rollup_cells" ADD COLUMN "buckets" integer[];--> statement-breakpoint
ALTER TABLE "stat_rollup_cells" ADD COLUMN "bucket_counts" bigint[];--> statement-breakpoint
CREATE INDEX "stat_rollup_cells_org_idx" ON "stat_rollup_cells" USING btree ("level","grain","organisation_id","metric","month");--> statement-breakpoint
CREATE INDEX "stat_rollup_cells_metric_month_idx" ON "stat_rollup_cells" USING btree ("level","grain","metric","month");--> statement-breakpoint
ALTER TABLE "stat_rollup_cells" DROP COLUMN "bucket";--> statement-breakpoint
ALTER TABLE "stat_rollup_cells" ADD CONSTRAINT "stat_rollup_cells_key" UNIQUE NULLS NOT DISTINCT("level","grain","metric","month","organisation_id","region","field","category");--> statement-breakpoint
ALTER TABLE "stat_rollup_cells" ADD CONSTRAINT "stat_rollup_cells_level" CHECK ("stat_rollup_cells"."level" in ('organisation', 'province', 'region', 'field'));--> statement-breakpoint
ALTER TABLE "stat_rollup_cells" ADD CONSTRAINT "stat_rollup_cells_grain" CHECK ("stat_rollup_cells"."grain" in ('month', 'year'));--> statement-breakpoint
INSERT INTO "stat_dirty" ("source", "month") VALUES ('stat_levels', '0001-01-01') ON CONFLICT DO NOTHING;