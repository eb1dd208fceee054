CREATE TABLE "org_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oversight_links" (
	"department_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oversight_links_department_id_institution_id_pk" PRIMARY KEY("department_id","institution_id")
);
--> statement-breakpoint
CREATE TABLE "stat_cells" (
	"metric" text NOT NULL,
	"month" date NOT NULL,
	"organisation_id" uuid,
	"org_unit_id" uuid,
	"researcher_id" uuid,
	"field" text,
	"region" text,
	"category" text DEFAULT '' NOT NULL,
	"bucket" integer DEFAULT 0 NOT NULL,
	"count" bigint NOT NULL,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"base_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "stat_cells_key" UNIQUE NULLS NOT DISTINCT("metric","month","organisation_id","org_unit_id","researcher_id","field","region","category","bucket")
);
--> statement-breakpoint
CREATE TABLE "stat_dirty" (
	"source" text NOT NULL,
	"month" date NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stat_dirty_source_month_pk" PRIMARY KEY("source","month")
);
--> statement-breakpoint
CREATE TABLE "stat_rollups" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"months_rebuilt" integer DEFAULT 0 NOT NULL,
	"duration_ms" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" DROP CONSTRAINT "organisations_kind_check";--> statement-breakpoint
ALTER TABLE "organisations" DROP CONSTRAINT "organisations_identity_check";--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "department_scope" text;--> statement-breakpoint
ALTER TABLE "results" ADD COLUMN "org_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oversight_links" ADD CONSTRAINT "oversight_links_department_id_organisations_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oversight_links" ADD CONSTRAINT "oversight_links_institution_id_organisations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oversight_links" ADD CONSTRAINT "oversight_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "org_units_organisation_name_key" ON "org_units" USING btree ("organisation_id","name");--> statement-breakpoint
CREATE INDEX "oversight_links_institution_idx" ON "oversight_links" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "stat_cells_org_idx" ON "stat_cells" USING btree ("organisation_id","metric","month");--> statement-breakpoint
CREATE INDEX "stat_cells_metric_month_idx" ON "stat_cells" USING btree ("metric","month");--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "results_org_unit_idx" ON "results" USING btree ("org_unit_id");--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_department_scope_check" CHECK ("organisations"."department_scope" in ('supervisory', 'provincial'));--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_department_fields_check" CHECK (("organisations"."kind" = 'department') = ("organisations"."department_scope" is not null));--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_kind_check" CHECK ("organisations"."kind" in ('enterprise', 'institution', 'operator', 'department'));--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_identity_check" CHECK ("organisations"."kind" in ('operator', 'department') or ("organisations"."domicile" = 'mainland' and "organisations"."credit_code" is not null and "organisations"."registration_number" is null and "organisations"."country_or_region" is null) or ("organisations"."domicile" <> 'mainland' and "organisations"."credit_code" is null and "organisations"."region" is null and "organisations"."registration_number" is not null and "organisations"."country_or_region" is not null));