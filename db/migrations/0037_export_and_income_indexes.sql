DROP INDEX "payments_result_idx";--> statement-breakpoint
DROP INDEX "income_results_largest_idx";--> statement-breakpoint
CREATE INDEX "payments_institution_conversion_idx" ON "payments" USING btree ("institution_id","conversion_id","amount_fen");--> statement-breakpoint
CREATE INDEX "payments_result_received_idx" ON "payments" USING btree ("result_id","institution_id","received_on","amount_fen");--> statement-breakpoint
CREATE INDEX "income_results_top_idx" ON "income_results" USING btree ("institution_id","income_fen" DESC NULLS FIRST,"result_id");