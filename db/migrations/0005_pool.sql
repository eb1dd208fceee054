CREATE TABLE "paylater_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"result_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"fee_fen" bigint,
	"royalty_bp" integer,
	"payment_timing" text NOT NULL,
	"payment_delay_months" integer NOT NULL,
	"term_years" integer NOT NULL,
	"payment_conditions" text NOT NULL,
	"terms_by" text NOT NULL,
	"decline_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "paylater_applications_status_check" CHECK ("paylater_applications"."status" in ('pending', 'countered', 'accepted', 'declined', 'counter_declined', 'withdrawn')),
	CONSTRAINT "paylater_applications_terms_by_check" CHECK ("paylater_applications"."terms_by" in ('enterprise', 'institution')),
	CONSTRAINT "paylater_applications_payment_timing_check" CHECK ("paylater_applications"."payment_timing" in ('after_signing', 'after_first_sales')),
	CONSTRAINT "paylater_applications_fee_check" CHECK (("paylater_applications"."fee_fen" is not null and "paylater_applications"."fee_fen" > 0) or ("paylater_applications"."royalty_bp" is not null and "paylater_applications"."royalty_bp" > 0)),
	CONSTRAINT "paylater_applications_fee_range_check" CHECK ("paylater_applications"."fee_fen" is null or "paylater_applications"."fee_fen" >= 0),
	CONSTRAINT "paylater_applications_royalty_range_check" CHECK ("paylater_applications"."royalty_bp" is null or "paylater_applications"."royalty_bp" between 0 and 10000),
	CONSTRAINT "paylater_applications_delay_check" CHECK ("paylater_applications"."payment_delay_months" between 1 and 120),
	CONSTRAINT "paylater_applications_term_check" CHECK ("paylater_applications"."term_years" between 1 and 20)
);
--> statement-breakpoint
CREATE TABLE "paylater_licences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"result_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"fee_fen" bigint,
	"royalty_bp" integer,
	"payment_timing" text NOT NULL,
	"payment_delay_months" integer NOT NULL,
	"term_years" integer NOT NULL,
	"payment_conditions" text NOT NULL,
	"signed_on" date NOT NULL,
	"first_sales_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "paylater_licences_status_check" CHECK ("paylater_licences"."status" in ('active', 'completed')),
	CONSTRAINT "paylater_licences_payment_timing_check" CHECK ("paylater_licences"."payment_timing" in ('after_signing', 'after_first_sales')),
	CONSTRAINT "paylater_licences_fee_check" CHECK (("paylater_licences"."fee_fen" is not null and "paylater_licences"."fee_fen" > 0) or ("paylater_licences"."royalty_bp" is not null and "paylater_licences"."royalty_bp" > 0)),
	CONSTRAINT "paylater_licences_fee_range_check" CHECK ("paylater_licences"."fee_fen" is null or "paylater_licences"."fee_fen" >= 0),
	CONSTRAINT "paylater_licences_royalty_range_check" CHECK ("paylater_licences"."royalty_bp" is null or "paylater_licences"."royalty_bp" between 0 and 10000),
	CONSTRAINT "paylater_licences_delay_check" CHECK ("paylater_licences"."payment_delay_months" between 1 and 120),
	CONSTRAINT "paylater_licences_term_check" CHECK ("paylater_licences"."term_years" between 1 and 20)
);
--> statement-breakpoint
CREATE TABLE "paylater_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"party" text NOT NULL,
	"fee_fen" bigint,
	"royalty_bp" integer,
	"payment_timing" text NOT NULL,
	"payment_delay_months" integer NOT NULL,
	"term_years" integer NOT NULL,
	"payment_conditions" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "paylater_offers_party_check" CHECK ("paylater_offers"."party" in ('enterprise', 'institution')),
	CONSTRAINT "paylater_offers_payment_timing_check" CHECK ("paylater_offers"."payment_timing" in ('after_signing', 'after_first_sales')),
	CONSTRAINT "paylater_offers_fee_check" CHECK (("paylater_offers"."fee_fen" is not null and "paylater_offers"."fee_fen" > 0) or ("paylater_offers"."royalty_bp" is not null and "paylater_offers"."royalty_bp" > 0)),
	CONSTRAINT "paylater_offers_fee_range_check" CHECK ("paylater_offers"."fee_fen" is null or "paylater_offers"."fee_fen" >= 0),
	CONSTRAINT "paylater_offers_royalty_range_check" CHECK ("paylater_offers"."royalty_bp" is null or "paylater_offers"."royalty_bp" between 0 and 10000),
	CONSTRAINT "paylater_offers_delay_check" CHECK ("paylater_offers"."payment_delay_months" between 1 and 120),
	CONSTRAINT "paylater_offers_term_check" CHECK ("paylater_offers"."term_years" between 1 and 20)
);
--> statement-breakpoint
CREATE TABLE "paylater_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"licence_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint,
	"due_on" date,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"reminded_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"paid_on" date,
	"paid_amount_fen" bigint,
	"paid_note" text,
	"marked_by" uuid,
	"marked_at" timestamp with time zone,
	CONSTRAINT "paylater_payments_kind_check" CHECK ("paylater_payments"."kind" in ('fee', 'royalty')),
	CONSTRAINT "paylater_payments_status_check" CHECK ("paylater_payments"."status" in ('scheduled', 'paid')),
	CONSTRAINT "paylater_payments_amount_check" CHECK ("paylater_payments"."amount_fen" is null or "paylater_payments"."amount_fen" >= 0),
	CONSTRAINT "paylater_payments_paid_amount_check" CHECK ("paylater_payments"."paid_amount_fen" is null or "paylater_payments"."paid_amount_fen" >= 0),
	CONSTRAINT "paylater_payments_paid_check" CHECK (("paylater_payments"."status" = 'paid') = ("paylater_payments"."paid_on" is not null and "paylater_payments"."paid_amount_fen" is not null))
);
--> statement-breakpoint
CREATE TABLE "pool_edition_items" (
	"edition_id" uuid NOT NULL,
	"result_id" uuid NOT NULL,
	"change" text NOT NULL,
	"institution_id" uuid NOT NULL,
	"institution_name" text NOT NULL,
	"region" text,
	"title" text NOT NULL,
	"field" text NOT NULL,
	"first_grant_date" date,
	"ip_items" jsonb NOT NULL,
	"reason" text NOT NULL,
	"included_at" timestamp with time zone NOT NULL,
	"removal_reason" text,
	CONSTRAINT "pool_edition_items_edition_id_result_id_pk" PRIMARY KEY("edition_id","result_id"),
	CONSTRAINT "pool_edition_items_change_check" CHECK ("pool_edition_items"."change" in ('added', 'retained', 'removed')),
	CONSTRAINT "pool_edition_items_reason_check" CHECK ("pool_edition_items"."reason" in ('auto_3y', 'voluntary')),
	CONSTRAINT "pool_edition_items_removal_reason_check" CHECK ("pool_edition_items"."removal_reason" in ('converted', 'reclassified', 'opted_out', 'ip_not_held_3y')),
	CONSTRAINT "pool_edition_items_field_check" CHECK ("pool_edition_items"."field" in ('advanced_equipment', 'robotics_automation', 'integrated_circuits', 'electronic_information', 'new_materials', 'petrochemical', 'biomedicine', 'medical_devices', 'new_energy', 'energy_conservation', 'aerospace', 'automotive', 'modern_agriculture', 'marine')),
	CONSTRAINT "pool_edition_items_region_check" CHECK ("pool_edition_items"."region" in ('shenyang', 'dalian', 'anshan', 'fushun', 'benxi', 'dandong', 'jinzhou', 'yingkou', 'fuxin', 'liaoyang', 'panjin', 'tieling', 'chaoyang', 'huludao'))
);
--> statement-breakpoint
CREATE TABLE "pool_editions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer NOT NULL,
	"period_key" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"as_of" date NOT NULL,
	"entry_count" integer NOT NULL,
	"added_count" integer NOT NULL,
	"removed_count" integer NOT NULL,
	CONSTRAINT "pool_editions_number_check" CHECK ("pool_editions"."number" >= 1)
);
--> statement-breakpoint
CREATE TABLE "pool_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"result_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"included_at" timestamp with time zone NOT NULL,
	"included_by" uuid,
	"removed_at" timestamp with time zone,
	"removal_reason" text,
	CONSTRAINT "pool_entries_reason_check" CHECK ("pool_entries"."reason" in ('auto_3y', 'voluntary')),
	CONSTRAINT "pool_entries_removal_reason_check" CHECK ("pool_entries"."removal_reason" in ('converted', 'reclassified', 'opted_out', 'ip_not_held_3y')),
	CONSTRAINT "pool_entries_removal_check" CHECK (("pool_entries"."removed_at" is null) = ("pool_entries"."removal_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "pool_opt_outs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"result_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"opted_out_at" timestamp with time zone NOT NULL,
	"opted_out_by" uuid NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	CONSTRAINT "pool_opt_outs_reason_check" CHECK (length("pool_opt_outs"."reason") between 2 and 1000)
);
--> statement-breakpoint
ALTER TABLE "paylater_applications" ADD CONSTRAINT "paylater_applications_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paylater_applications" ADD CONSTRAINT "paylater_applications_enterprise_id_organisations_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paylater_applications" ADD CONSTRAINT "paylater_applications_institution_id_organisations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paylater_applications" ADD CONSTRAINT "paylater_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paylater_licences" ADD CONSTRAINT "paylater_licences_application_id_paylater_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."paylater_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paylater_licences" ADD CONSTRAINT "paylater_licences_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paylater_licences" ADD CONSTRAINT "paylater_licences_enterprise_id_organisations_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paylater_licences" ADD CONSTRAINT "paylater_licences_institution_id_organisations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paylater_offers" ADD CONSTRAINT "paylater_offers_application_id_paylater_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."paylater_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paylater_offers" ADD CONSTRAINT "paylater_offers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paylater_payments" ADD CONSTRAINT "paylater_payments_licence_id_paylater_licences_id_fk" FOREIGN KEY ("licence_id") REFERENCES "public"."paylater_licences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paylater_payments" ADD CONSTRAINT "paylater_payments_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_edition_items" ADD CONSTRAINT "pool_edition_items_edition_id_pool_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."pool_editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_entries" ADD CONSTRAINT "pool_entries_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_entries" ADD CONSTRAINT "pool_entries_included_by_users_id_fk" FOREIGN KEY ("included_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_opt_outs" ADD CONSTRAINT "pool_opt_outs_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_opt_outs" ADD CONSTRAINT "pool_opt_outs_opted_out_by_users_id_fk" FOREIGN KEY ("opted_out_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_opt_outs" ADD CONSTRAINT "pool_opt_outs_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "paylater_applications_open_key" ON "paylater_applications" USING btree ("enterprise_id","result_id") WHERE status in ('pending', 'countered');--> statement-breakpoint
CREATE INDEX "paylater_applications_result_idx" ON "paylater_applications" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "paylater_applications_enterprise_idx" ON "paylater_applications" USING btree ("enterprise_id","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "paylater_applications_institution_idx" ON "paylater_applications" USING btree ("institution_id","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "paylater_applications_created_by_idx" ON "paylater_applications" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "paylater_licences_application_key" ON "paylater_licences" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "paylater_licences_result_idx" ON "paylater_licences" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "paylater_licences_enterprise_idx" ON "paylater_licences" USING btree ("enterprise_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "paylater_licences_institution_idx" ON "paylater_licences" USING btree ("institution_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "paylater_offers_round_key" ON "paylater_offers" USING btree ("application_id","round");--> statement-breakpoint
CREATE INDEX "paylater_offers_created_by_idx" ON "paylater_offers" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "paylater_payments_seq_key" ON "paylater_payments" USING btree ("licence_id","seq");--> statement-breakpoint
CREATE INDEX "paylater_payments_marked_by_idx" ON "paylater_payments" USING btree ("marked_by");--> statement-breakpoint
CREATE INDEX "paylater_payments_unpaid_due_idx" ON "paylater_payments" USING btree ("due_on") WHERE status = 'scheduled' and due_on is not null;--> statement-breakpoint
CREATE INDEX "pool_edition_items_change_idx" ON "pool_edition_items" USING btree ("edition_id","change","title","result_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pool_editions_number_key" ON "pool_editions" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "pool_editions_period_key" ON "pool_editions" USING btree ("period_key");--> statement-breakpoint
CREATE UNIQUE INDEX "pool_entries_open_result_key" ON "pool_entries" USING btree ("result_id") WHERE removed_at is null;--> statement-breakpoint
CREATE INDEX "pool_entries_result_idx" ON "pool_entries" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "pool_entries_included_by_idx" ON "pool_entries" USING btree ("included_by") WHERE included_by is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "pool_opt_outs_open_result_key" ON "pool_opt_outs" USING btree ("result_id") WHERE withdrawn_at is null;--> statement-breakpoint
CREATE INDEX "pool_opt_outs_result_idx" ON "pool_opt_outs" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "pool_opt_outs_opted_out_by_idx" ON "pool_opt_outs" USING btree ("opted_out_by");--> statement-breakpoint
CREATE INDEX "pool_opt_outs_withdrawn_by_idx" ON "pool_opt_outs" USING btree ("withdrawn_by");