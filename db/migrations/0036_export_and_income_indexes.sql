DROP INDEX "income_results_largest_idx";--> statement-breakpoint
CREATE INDEX "payments_institution_conversion_idx" ON "payments" USING btree ("institution_id","conversion_id","amount_fen");--> statement-breakpoint
CREATE INDEX "income_results_top_idx" ON "income_results" USING btree ("institution_id","income_fen" DESC NULLS FIRST,"result_id");