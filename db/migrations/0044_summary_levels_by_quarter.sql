-- The summary levels gain a quarter grain. They are derived from stat_cells: emptied here and marked for re-summing (server/statistics/rollup.ts LEVELS_MARK), which the next roll-up does from the cube without rebuilding it.
TRUNCATE "stat_rollup_cells";--> statement-breakpoint
ALTER TABLE "stat_rollup_cells" DROP CONSTRAINT "stat_rollup_cells_grain";--> statement-breakpoint
ALTER TABLE "stat_rollup_cells" ADD CONSTRAINT "stat_rollup_cells_grain" CHECK ("stat_rollup_cells"."grain" in ('month', 'quarter', 'year'));--> statement-breakpoint
INSERT INTO "stat_dirty" ("source", "month") VALUES ('stat_levels', '0001-01-01') ON CONFLICT DO NOTHING;
