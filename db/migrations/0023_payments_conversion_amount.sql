DROP INDEX "payments_conversion_idx";--> statement-breakpoint
CREATE INDEX "payments_conversion_idx" ON "payments" USING btree ("conversion_id","received_on","amount_fen");