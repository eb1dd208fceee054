CREATE TABLE "memberships" (
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_user_id_organisation_id_pk" PRIMARY KEY("user_id","organisation_id"),
	CONSTRAINT "memberships_role_check" CHECK ("memberships"."role" in ('admin', 'member'))
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"credit_code" text,
	"region" text,
	"address" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"website" text DEFAULT '' NOT NULL,
	"size_class" text,
	"ownership_type" text,
	"institution_type" text,
	"affiliation" text,
	"verification_status" text DEFAULT 'pending_verification' NOT NULL,
	"verification_note" text,
	"verified_at" timestamp with time zone,
	"verified_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_kind_check" CHECK ("organisations"."kind" in ('enterprise', 'institution', 'operator')),
	CONSTRAINT "organisations_region_check" CHECK ("organisations"."region" in ('shenyang', 'dalian', 'anshan', 'fushun', 'benxi', 'dandong', 'jinzhou', 'yingkou', 'fuxin', 'liaoyang', 'panjin', 'tieling', 'chaoyang', 'huludao')),
	CONSTRAINT "organisations_size_class_check" CHECK ("organisations"."size_class" in ('large', 'medium', 'small', 'micro')),
	CONSTRAINT "organisations_ownership_type_check" CHECK ("organisations"."ownership_type" in ('state_wholly_owned', 'state_controlled', 'private', 'foreign')),
	CONSTRAINT "organisations_institution_type_check" CHECK ("organisations"."institution_type" in ('university', 'research_institute', 'hospital')),
	CONSTRAINT "organisations_affiliation_check" CHECK ("organisations"."affiliation" in ('provincial', 'central_in_liaoning')),
	CONSTRAINT "organisations_verification_status_check" CHECK ("organisations"."verification_status" in ('pending_verification', 'verified', 'rejected')),
	CONSTRAINT "organisations_enterprise_fields_check" CHECK ("organisations"."kind" <> 'enterprise' or ("organisations"."size_class" is not null and "organisations"."ownership_type" is not null and "organisations"."credit_code" is not null)),
	CONSTRAINT "organisations_institution_fields_check" CHECK ("organisations"."kind" <> 'institution' or ("organisations"."institution_type" is not null and "organisations"."affiliation" is not null and "organisations"."credit_code" is not null))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"user_agent" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"display_name" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "result_ip_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"result_id" uuid NOT NULL,
	"type" text NOT NULL,
	"number" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"grant_date" date,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "result_ip_items_type_check" CHECK ("result_ip_items"."type" in ('invention_patent', 'utility_model', 'design_patent', 'software_copyright', 'ic_layout', 'plant_variety', 'technical_secret'))
);
--> statement-breakpoint
CREATE TABLE "results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"field" text NOT NULL,
	"maturity" text NOT NULL,
	"inventors" text DEFAULT '' NOT NULL,
	"ownership" text DEFAULT 'institution' NOT NULL,
	"co_owners" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"long_term_use_years" integer,
	"long_term_use_ends_on" date,
	"security_class" text DEFAULT 'public' NOT NULL,
	"separately_managed" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"converted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "results_field_check" CHECK ("results"."field" in ('advanced_equipment', 'robotics_automation', 'integrated_circuits', 'electronic_information', 'new_materials', 'petrochemical', 'biomedicine', 'medical_devices', 'new_energy', 'energy_conservation', 'aerospace', 'automotive', 'modern_agriculture', 'marine')),
	CONSTRAINT "results_maturity_check" CHECK ("results"."maturity" in ('lab', 'prototype', 'pilot', 'industrialised')),
	CONSTRAINT "results_ownership_check" CHECK ("results"."ownership" in ('institution', 'co_owned', 'long_term_use')),
	CONSTRAINT "results_security_class_check" CHECK ("results"."security_class" in ('public', 'restricted', 'classified')),
	CONSTRAINT "results_status_check" CHECK ("results"."status" in ('active', 'converted')),
	CONSTRAINT "results_long_term_use_check" CHECK ("results"."ownership" <> 'long_term_use' or ("results"."long_term_use_years" >= 10 and "results"."long_term_use_ends_on" is not null)),
	CONSTRAINT "results_security_grant_check" CHECK ("results"."security_class" = 'public' or ("results"."ownership" = 'institution' and not "results"."separately_managed"))
);
--> statement-breakpoint
CREATE TABLE "listings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"result_id" uuid,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"field" text NOT NULL,
	"region" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"pricing_mode" text,
	"transaction_types" text[] DEFAULT '{}' NOT NULL,
	"price_fen" bigint,
	"counterparty_name" text,
	"counterparty_org_id" uuid,
	"deadline" timestamp with time zone,
	"support_sought" text[] DEFAULT '{}' NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"notice_ends_at" timestamp with time zone,
	"listing_ends_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"selection_ends_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"rejection_code" text,
	"rejection_text" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "listings_kind_check" CHECK ("listings"."kind" in ('supply', 'demand')),
	CONSTRAINT "listings_status_check" CHECK ("listings"."status" in ('draft', 'pending_review', 'rejected', 'showcase', 'notice', 'listed', 'auction', 'matched', 'converted', 'unsold', 'expired', 'withdrawn', 'taken_down', 'open', 'selecting', 'awarded', 'landed')),
	CONSTRAINT "listings_field_check" CHECK ("listings"."field" in ('advanced_equipment', 'robotics_automation', 'integrated_circuits', 'electronic_information', 'new_materials', 'petrochemical', 'biomedicine', 'medical_devices', 'new_energy', 'energy_conservation', 'aerospace', 'automotive', 'modern_agriculture', 'marine')),
	CONSTRAINT "listings_region_check" CHECK ("listings"."region" in ('shenyang', 'dalian', 'anshan', 'fushun', 'benxi', 'dandong', 'jinzhou', 'yingkou', 'fuxin', 'liaoyang', 'panjin', 'tieling', 'chaoyang', 'huludao')),
	CONSTRAINT "listings_pricing_mode_check" CHECK ("listings"."pricing_mode" in ('negotiable', 'negotiated', 'fixed', 'auction')),
	CONSTRAINT "listings_transaction_types_check" CHECK ("listings"."transaction_types" <@ array['transfer', 'license', 'equity']::text[]),
	CONSTRAINT "listings_support_sought_check" CHECK ("listings"."support_sought" <@ array['rd', 'pilot', 'incubation', 'talent', 'finance']::text[]),
	CONSTRAINT "listings_price_check" CHECK ("listings"."price_fen" is null or "listings"."price_fen" >= 0),
	CONSTRAINT "listings_supply_shape_check" CHECK ("listings"."kind" <> 'supply' or ("listings"."result_id" is not null and "listings"."pricing_mode" is not null)),
	CONSTRAINT "listings_demand_shape_check" CHECK ("listings"."kind" <> 'demand' or "listings"."pricing_mode" is null)
);
--> statement-breakpoint
CREATE TABLE "moderation_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid,
	"organisation_id" uuid,
	"decision" text NOT NULL,
	"reason_code" text,
	"reason_text" text,
	"operator_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moderation_decisions_decision_check" CHECK ("moderation_decisions"."decision" in ('approve', 'reject', 'take_down', 'verify', 'reject_verification')),
	CONSTRAINT "moderation_decisions_target_check" CHECK (num_nonnulls("moderation_decisions"."listing_id", "moderation_decisions"."organisation_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_user_id" uuid,
	"actor_org_id" uuid,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	"before_status" text,
	"after_status" text,
	"reason" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_ip_items" ADD CONSTRAINT "result_ip_items_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_institution_id_organisations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_counterparty_org_id_organisations_id_fk" FOREIGN KEY ("counterparty_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_decisions" ADD CONSTRAINT "moderation_decisions_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_decisions" ADD CONSTRAINT "moderation_decisions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_decisions" ADD CONSTRAINT "moderation_decisions_operator_id_users_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_user_key" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "memberships_organisation_idx" ON "memberships" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_credit_code_key" ON "organisations" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "organisations_pending_idx" ON "organisations" USING btree ("created_at") WHERE verification_status = 'pending_verification';--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "result_ip_items_result_idx" ON "result_ip_items" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "results_institution_idx" ON "results" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "results_created_by_idx" ON "results" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "listings_organisation_idx" ON "listings" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "listings_result_idx" ON "listings" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "listings_counterparty_org_idx" ON "listings" USING btree ("counterparty_org_id");--> statement-breakpoint
CREATE INDEX "listings_created_by_idx" ON "listings" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "listings_public_browse_idx" ON "listings" USING btree ("kind","status","published_at" DESC NULLS LAST) WHERE published_at is not null;--> statement-breakpoint
CREATE INDEX "listings_pending_idx" ON "listings" USING btree ("submitted_at") WHERE status = 'pending_review';--> statement-breakpoint
CREATE INDEX "moderation_decisions_listing_idx" ON "moderation_decisions" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "moderation_decisions_organisation_idx" ON "moderation_decisions" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "moderation_decisions_operator_idx" ON "moderation_decisions" USING btree ("operator_id");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id","id");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "outbox" USING btree ("id") WHERE published_at is null;