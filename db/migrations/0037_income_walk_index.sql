DROP INDEX "payments_result_idx";--> statement-breakpoint
CREATE INDEX "payments_result_received_idx" ON "payments" USING btree ("result_id","institution_id","received_on","amount_fen");