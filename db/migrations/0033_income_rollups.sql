CREATE TABLE "income_days" (
	"institution_id" uuid NOT NULL,
	"day" date NOT NULL,
	"income_fen" bigint NOT NULL,
	"payments" integer NOT NULL,
	CONSTRAINT "income_days_institution_id_day_pk" PRIMARY KEY("institution_id","day"),
	CONSTRAINT "income_days_amounts_check" CHECK ("income_days"."income_fen" >= 0 and "income_days"."payments" > 0)
);
--> statement-breakpoint
CREATE TABLE "income_results" (
	"institution_id" uuid NOT NULL,
	"result_id" uuid,
	"income_fen" bigint NOT NULL,
	"payments" integer NOT NULL,
	CONSTRAINT "income_results_key" UNIQUE NULLS NOT DISTINCT("institution_id","result_id"),
	CONSTRAINT "income_results_amounts_check" CHECK ("income_results"."income_fen" >= 0 and "income_results"."payments" > 0)
);
--> statement-breakpoint
DROP INDEX "payments_institution_received_idx";--> statement-breakpoint
ALTER TABLE "income_days" ADD CONSTRAINT "income_days_institution_id_organisations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "income_results" ADD CONSTRAINT "income_results_institution_id_organisations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "income_results" ADD CONSTRAINT "income_results_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "income_results_largest_idx" ON "income_results" USING btree ("institution_id","income_fen" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "payments_institution_received_idx" ON "payments" USING btree ("institution_id","received_on","amount_fen","result_id");