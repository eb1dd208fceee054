CREATE TABLE "annual_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"office" text DEFAULT '' NOT NULL,
	"figures" jsonb,
	"as_of" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"return_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "annual_reports_status_check" CHECK ("annual_reports"."status" in ('draft', 'submitted', 'accepted')),
	CONSTRAINT "annual_reports_year_check" CHECK ("annual_reports"."year" between 2000 and 2100),
	CONSTRAINT "annual_reports_frozen_check" CHECK (("annual_reports"."status" = 'draft') = ("annual_reports"."figures" is null and "annual_reports"."as_of" is null))
);
--> statement-breakpoint
ALTER TABLE "annual_reports" ADD CONSTRAINT "annual_reports_institution_id_organisations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_reports" ADD CONSTRAINT "annual_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_reports" ADD CONSTRAINT "annual_reports_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "annual_reports_institution_year_key" ON "annual_reports" USING btree ("institution_id","year");--> statement-breakpoint
CREATE INDEX "annual_reports_year_idx" ON "annual_reports" USING btree ("year","institution_id");--> statement-breakpoint
CREATE INDEX "annual_reports_submitted_by_idx" ON "annual_reports" USING btree ("submitted_by");--> statement-breakpoint
CREATE INDEX "annual_reports_decided_by_idx" ON "annual_reports" USING btree ("decided_by");