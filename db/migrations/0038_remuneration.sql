CREATE TABLE "conversion_costs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversion_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"incurred_on" date NOT NULL,
	"evidence_ref" text NOT NULL,
	"document_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"reverses_id" uuid,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversion_costs_kind_check" CHECK ("conversion_costs"."kind" in ('patent_fee', 'maintenance_fee', 'appraisal', 'agency_commission', 'tax', 'other')),
	CONSTRAINT "conversion_costs_evidence_check" CHECK (length(btrim("conversion_costs"."evidence_ref")) > 0),
	CONSTRAINT "conversion_costs_amount_check" CHECK (("conversion_costs"."reverses_id" is null and "conversion_costs"."amount_fen" > 0) or ("conversion_costs"."reverses_id" is not null and "conversion_costs"."amount_fen" < 0))
);
--> statement-breakpoint
CREATE TABLE "conversion_remuneration_terms" (
	"conversion_id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"funding" text NOT NULL,
	"agreed_share_bp" integer,
	"justification" text,
	"decision_id" uuid NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversion_remuneration_terms_funding_check" CHECK ("conversion_remuneration_terms"."funding" in ('standard', 'horizontal_surplus')),
	CONSTRAINT "conversion_remuneration_terms_share_check" CHECK (case "conversion_remuneration_terms"."funding" when 'horizontal_surplus' then "conversion_remuneration_terms"."agreed_share_bp" between 0 and 10000
        and ("conversion_remuneration_terms"."agreed_share_bp" >= 9000 or length(btrim(coalesce("conversion_remuneration_terms"."justification", ''))) > 0)
        else "conversion_remuneration_terms"."agreed_share_bp" is null end)
);
--> statement-breakpoint
CREATE TABLE "remuneration_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"conversion_id" uuid NOT NULL,
	"result_id" uuid NOT NULL,
	"form" text NOT NULL,
	"payment_id" uuid,
	"policy_id" uuid NOT NULL,
	"funding" text NOT NULL,
	"share_bp" integer NOT NULL,
	"income_fen" bigint NOT NULL,
	"income_on" date NOT NULL,
	"income_before_fen" bigint NOT NULL,
	"costs_fen" bigint NOT NULL,
	"net_income_fen" bigint NOT NULL,
	"team_fen" bigint NOT NULL,
	"team_shares" bigint,
	"computed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "remuneration_awards_form_check" CHECK ("remuneration_awards"."form" in ('cash', 'equity')),
	CONSTRAINT "remuneration_awards_funding_check" CHECK ("remuneration_awards"."funding" in ('standard', 'horizontal_surplus')),
	CONSTRAINT "remuneration_awards_share_check" CHECK ("remuneration_awards"."share_bp" between 0 and 10000),
	CONSTRAINT "remuneration_awards_amounts_check" CHECK ("remuneration_awards"."team_fen" >= 0 and "remuneration_awards"."net_income_fen" >= 0 and "remuneration_awards"."income_fen" >= 0),
	CONSTRAINT "remuneration_awards_shape_check" CHECK (("remuneration_awards"."form" = 'cash') = ("remuneration_awards"."payment_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "remuneration_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"award_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"conversion_id" uuid NOT NULL,
	"form" text NOT NULL,
	"position" integer NOT NULL,
	"member_name" text NOT NULL,
	"user_id" uuid,
	"share_bp" integer NOT NULL,
	"principal_leader" boolean NOT NULL,
	"amount_fen" bigint NOT NULL,
	"shares" bigint,
	"status" text NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"approval_decision_id" uuid,
	"paid_on" date,
	"paid_ref" text,
	"paid_at" timestamp with time zone,
	"paid_by" uuid,
	"payout_decision_id" uuid,
	"corrects_id" uuid,
	"correction_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "remuneration_entries_form_check" CHECK ("remuneration_entries"."form" in ('cash', 'equity')),
	CONSTRAINT "remuneration_entries_status_check" CHECK ("remuneration_entries"."status" in ('pending', 'approved', 'paid', 'separate')),
	CONSTRAINT "remuneration_entries_share_check" CHECK ("remuneration_entries"."share_bp" between 1 and 10000),
	CONSTRAINT "remuneration_entries_separate_check" CHECK (("remuneration_entries"."status" = 'separate') = "remuneration_entries"."principal_leader"),
	CONSTRAINT "remuneration_entries_approved_check" CHECK (("remuneration_entries"."status" in ('approved', 'paid')) = ("remuneration_entries"."approved_at" is not null and "remuneration_entries"."approval_decision_id" is not null)),
	CONSTRAINT "remuneration_entries_paid_check" CHECK (("remuneration_entries"."status" = 'paid') = ("remuneration_entries"."paid_on" is not null and "remuneration_entries"."paid_at" is not null and "remuneration_entries"."payout_decision_id" is not null)),
	CONSTRAINT "remuneration_entries_correction_check" CHECK (("remuneration_entries"."corrects_id" is null) = ("remuneration_entries"."correction_reason" is null) and ("remuneration_entries"."corrects_id" is not null or "remuneration_entries"."amount_fen" >= 0))
);
--> statement-breakpoint
CREATE TABLE "remuneration_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"cash_share_bp" integer NOT NULL,
	"equity_share_bp" integer NOT NULL,
	"horizontal_min_share_bp" integer NOT NULL,
	"horizontal_justification" text,
	"decision_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "remuneration_policies_cash_check" CHECK ("remuneration_policies"."cash_share_bp" between 0 and 10000),
	CONSTRAINT "remuneration_policies_equity_check" CHECK ("remuneration_policies"."equity_share_bp" between 0 and 10000),
	CONSTRAINT "remuneration_policies_horizontal_check" CHECK ("remuneration_policies"."horizontal_min_share_bp" between 0 and 10000),
	CONSTRAINT "remuneration_policies_horizontal_floor_check" CHECK ("remuneration_policies"."horizontal_min_share_bp" >= 9000 or length(btrim(coalesce("remuneration_policies"."horizontal_justification", ''))) > 0)
);
--> statement-breakpoint
ALTER TABLE "decision_records" DROP CONSTRAINT "decision_records_subject_check";--> statement-breakpoint
ALTER TABLE "decision_records" DROP CONSTRAINT "decision_records_type_check";--> statement-breakpoint
ALTER TABLE "documents" DROP CONSTRAINT "documents_subject_check";--> statement-breakpoint
ALTER TABLE "conversion_costs" ADD CONSTRAINT "conversion_costs_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversion_costs" ADD CONSTRAINT "conversion_costs_institution_id_organisations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversion_costs" ADD CONSTRAINT "conversion_costs_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversion_costs" ADD CONSTRAINT "conversion_costs_reverses_id_conversion_costs_id_fk" FOREIGN KEY ("reverses_id") REFERENCES "public"."conversion_costs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversion_costs" ADD CONSTRAINT "conversion_costs_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversion_remuneration_terms" ADD CONSTRAINT "conversion_remuneration_terms_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversion_remuneration_terms" ADD CONSTRAINT "conversion_remuneration_terms_institution_id_organisations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversion_remuneration_terms" ADD CONSTRAINT "conversion_remuneration_terms_decision_id_decision_records_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decision_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversion_remuneration_terms" ADD CONSTRAINT "conversion_remuneration_terms_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remuneration_awards" ADD CONSTRAINT "remuneration_awards_institution_id_organisations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remuneration_awards" ADD CONSTRAINT "remuneration_awards_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remuneration_awards" ADD CONSTRAINT "remuneration_awards_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remuneration_awards" ADD CONSTRAINT "remuneration_awards_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remuneration_awards" ADD CONSTRAINT "remuneration_awards_policy_id_remuneration_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."remuneration_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remuneration_awards" ADD CONSTRAINT "remuneration_awards_computed_by_users_id_fk" FOREIGN KEY ("computed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remuneration_entries" ADD CONSTRAINT "remuneration_entries_award_id_remuneration_awards_id_fk" FOREIGN KEY ("award_id") REFERENCES "public"."remuneration_awards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remuneration_entries" ADD CONSTRAINT "remuneration_entries_institution_id_organisations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remuneration_entries" ADD CONSTRAINT "remuneration_entries_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remuneration_entries" ADD CONSTRAINT "remuneration_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remuneration_entries" ADD CONSTRAINT "remuneration_entries_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remuneration_entries" ADD CONSTRAINT "remuneration_entries_approval_decision_id_decision_records_id_fk" FOREIGN KEY ("approval_decision_id") REFERENCES "public"."decision_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remuneration_entries" ADD CONSTRAINT "remuneration_entries_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remuneration_entries" ADD CONSTRAINT "remuneration_entries_payout_decision_id_decision_records_id_fk" FOREIGN KEY ("payout_decision_id") REFERENCES "public"."decision_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remuneration_entries" ADD CONSTRAINT "remuneration_entries_corrects_id_remuneration_entries_id_fk" FOREIGN KEY ("corrects_id") REFERENCES "public"."remuneration_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remuneration_entries" ADD CONSTRAINT "remuneration_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remuneration_policies" ADD CONSTRAINT "remuneration_policies_institution_id_organisations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remuneration_policies" ADD CONSTRAINT "remuneration_policies_decision_id_decision_records_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decision_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remuneration_policies" ADD CONSTRAINT "remuneration_policies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "conversion_costs_reverses_key" ON "conversion_costs" USING btree ("reverses_id") WHERE reverses_id is not null;--> statement-breakpoint
CREATE INDEX "conversion_costs_conversion_idx" ON "conversion_costs" USING btree ("conversion_id","amount_fen");--> statement-breakpoint
CREATE INDEX "conversion_costs_institution_idx" ON "conversion_costs" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "conversion_costs_document_idx" ON "conversion_costs" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "conversion_costs_recorded_by_idx" ON "conversion_costs" USING btree ("recorded_by");--> statement-breakpoint
CREATE INDEX "conversion_remuneration_terms_institution_idx" ON "conversion_remuneration_terms" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "conversion_remuneration_terms_decision_idx" ON "conversion_remuneration_terms" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "conversion_remuneration_terms_updated_by_idx" ON "conversion_remuneration_terms" USING btree ("updated_by");--> statement-breakpoint
CREATE UNIQUE INDEX "remuneration_awards_payment_key" ON "remuneration_awards" USING btree ("payment_id") WHERE payment_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "remuneration_awards_equity_key" ON "remuneration_awards" USING btree ("conversion_id") WHERE form = 'equity';--> statement-breakpoint
CREATE INDEX "remuneration_awards_conversion_idx" ON "remuneration_awards" USING btree ("conversion_id","created_at");--> statement-breakpoint
CREATE INDEX "remuneration_awards_institution_idx" ON "remuneration_awards" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "remuneration_awards_result_idx" ON "remuneration_awards" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "remuneration_awards_policy_idx" ON "remuneration_awards" USING btree ("policy_id");--> statement-breakpoint
CREATE INDEX "remuneration_awards_computed_by_idx" ON "remuneration_awards" USING btree ("computed_by");--> statement-breakpoint
CREATE INDEX "remuneration_entries_user_idx" ON "remuneration_entries" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "remuneration_entries_institution_status_idx" ON "remuneration_entries" USING btree ("institution_id","status","created_at");--> statement-breakpoint
CREATE INDEX "remuneration_entries_award_idx" ON "remuneration_entries" USING btree ("award_id");--> statement-breakpoint
CREATE INDEX "remuneration_entries_conversion_idx" ON "remuneration_entries" USING btree ("conversion_id");--> statement-breakpoint
CREATE INDEX "remuneration_entries_corrects_idx" ON "remuneration_entries" USING btree ("corrects_id");--> statement-breakpoint
CREATE INDEX "remuneration_entries_approved_by_idx" ON "remuneration_entries" USING btree ("approved_by");--> statement-breakpoint
CREATE INDEX "remuneration_entries_paid_by_idx" ON "remuneration_entries" USING btree ("paid_by");--> statement-breakpoint
CREATE INDEX "remuneration_entries_created_by_idx" ON "remuneration_entries" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "remuneration_entries_approval_decision_idx" ON "remuneration_entries" USING btree ("approval_decision_id");--> statement-breakpoint
CREATE INDEX "remuneration_entries_payout_decision_idx" ON "remuneration_entries" USING btree ("payout_decision_id");--> statement-breakpoint
CREATE UNIQUE INDEX "remuneration_policies_version_key" ON "remuneration_policies" USING btree ("institution_id","version");--> statement-breakpoint
CREATE INDEX "remuneration_policies_decision_idx" ON "remuneration_policies" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "remuneration_policies_created_by_idx" ON "remuneration_policies" USING btree ("created_by");--> statement-breakpoint
ALTER TABLE "decision_records" ADD CONSTRAINT "decision_records_subject_check" CHECK ("decision_records"."subject_type" in ('result', 'listing', 'conversion', 'contract', 'payment', 'grant', 'transfer', 'organisation', 'remuneration_policy'));--> statement-breakpoint
ALTER TABLE "decision_records" ADD CONSTRAINT "decision_records_type_check" CHECK ("decision_records"."decision_type" in ('pricing', 'notice_outcome', 'objection_decision', 'deal', 'contract', 'grant', 'transfer', 'reward_approval', 'listing_review', 'pool_inclusion', 'paylater_approval', 'payment_confirmation', 'landing_confirmation', 'rights_acceptance', 'ownership_formality', 'organisation_verification', 'remuneration_policy', 'remuneration_terms', 'remuneration_approval', 'remuneration_payout'));--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_subject_check" CHECK ("documents"."subject_type" in ('result', 'listing', 'conversion', 'contract', 'payment', 'grant', 'transfer', 'organisation', 'remuneration_policy'));