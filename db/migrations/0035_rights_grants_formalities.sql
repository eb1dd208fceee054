CREATE TABLE "grant_answers" (
	"grant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"member_name" text NOT NULL,
	"answer" text,
	"note" text,
	"answered_at" timestamp with time zone,
	CONSTRAINT "grant_answers_grant_id_user_id_pk" PRIMARY KEY("grant_id","user_id"),
	CONSTRAINT "grant_answers_answer_check" CHECK ("grant_answers"."answer" in ('accepted', 'declined')),
	CONSTRAINT "grant_answers_answered_check" CHECK (("grant_answers"."answer" is null) = ("grant_answers"."answered_at" is null))
);
--> statement-breakpoint
CREATE TABLE "ownership_formalities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"result_id" uuid NOT NULL,
	"ip_type" text NOT NULL,
	"ip_number" text NOT NULL,
	"ip_title" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'to_file' NOT NULL,
	"filed_on" date,
	"filed_evidence_ref" text,
	"approved_on" date,
	"approved_evidence_ref" text,
	"last_reminded_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ownership_formalities_kind_check" CHECK ("ownership_formalities"."kind" in ('patent_ownership_change', 'patent_application_change', 'other_registration_change')),
	CONSTRAINT "ownership_formalities_status_check" CHECK ("ownership_formalities"."status" in ('to_file', 'filed', 'approved')),
	CONSTRAINT "ownership_formalities_ip_type_check" CHECK ("ownership_formalities"."ip_type" in ('invention_patent', 'utility_model', 'design_patent', 'software_copyright', 'ic_layout', 'plant_variety', 'technical_secret')),
	CONSTRAINT "ownership_formalities_dates_check" CHECK (("ownership_formalities"."status" = 'to_file' or ("ownership_formalities"."filed_on" is not null and "ownership_formalities"."filed_evidence_ref" is not null)) and ("ownership_formalities"."status" <> 'approved' or ("ownership_formalities"."approved_on" is not null and "ownership_formalities"."approved_evidence_ref" is not null and "ownership_formalities"."approved_on" >= "ownership_formalities"."filed_on")))
);
--> statement-breakpoint
CREATE TABLE "rights_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"result_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"purpose" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"from_ownership" text NOT NULL,
	"institution_share_bp" integer,
	"team_share_bp" integer,
	"starts_on" date,
	"ends_on" date,
	"fee_fen" bigint,
	"fee_due_on" date,
	"company_name" text,
	"company_credit_code" text,
	"agreed_return_bp" integer,
	"decision_body" text NOT NULL,
	"decided_on" date NOT NULL,
	"basis" text NOT NULL,
	"decision_id" uuid,
	"decided_by" uuid NOT NULL,
	"conversion_id" uuid,
	"answered_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rights_grants_kind_check" CHECK ("rights_grants"."kind" in ('co_ownership', 'long_term_use', 'share_transfer', 'agreed_return')),
	CONSTRAINT "rights_grants_purpose_check" CHECK ("rights_grants"."purpose" in ('grant', 'extension', 'conversion', 'transfer')),
	CONSTRAINT "rights_grants_status_check" CHECK ("rights_grants"."status" in ('pending', 'accepted', 'declined', 'withdrawn')),
	CONSTRAINT "rights_grants_from_ownership_check" CHECK ("rights_grants"."from_ownership" in ('institution', 'co_owned', 'long_term_use', 'team_owned')),
	CONSTRAINT "rights_grants_co_ownership_check" CHECK ("rights_grants"."kind" <> 'co_ownership' or ("rights_grants"."institution_share_bp" > 0 and "rights_grants"."team_share_bp" > 0 and "rights_grants"."institution_share_bp" + "rights_grants"."team_share_bp" = 10000)),
	CONSTRAINT "rights_grants_long_term_use_check" CHECK ("rights_grants"."kind" <> 'long_term_use' or ("rights_grants"."starts_on" is not null and "rights_grants"."ends_on" >= ("rights_grants"."starts_on" + interval '10 years')::date)),
	CONSTRAINT "rights_grants_share_transfer_check" CHECK ("rights_grants"."kind" <> 'share_transfer' or ("rights_grants"."fee_fen" > 0 and "rights_grants"."fee_due_on" is not null)),
	CONSTRAINT "rights_grants_agreed_return_check" CHECK ("rights_grants"."kind" <> 'agreed_return' or ("rights_grants"."company_name" is not null and "rights_grants"."agreed_return_bp" between 1 and 10000)),
	CONSTRAINT "rights_grants_basis_check" CHECK (length(btrim("rights_grants"."basis")) > 0 and length(btrim("rights_grants"."decision_body")) > 0)
);
--> statement-breakpoint
ALTER TABLE "results" DROP CONSTRAINT "results_ownership_check";--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";--> statement-breakpoint
ALTER TABLE "decision_records" DROP CONSTRAINT "decision_records_type_check";--> statement-breakpoint
ALTER TABLE "grant_answers" ADD CONSTRAINT "grant_answers_grant_id_rights_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."rights_grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_answers" ADD CONSTRAINT "grant_answers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ownership_formalities" ADD CONSTRAINT "ownership_formalities_grant_id_rights_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."rights_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ownership_formalities" ADD CONSTRAINT "ownership_formalities_institution_id_organisations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ownership_formalities" ADD CONSTRAINT "ownership_formalities_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_grants" ADD CONSTRAINT "rights_grants_institution_id_organisations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_grants" ADD CONSTRAINT "rights_grants_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_grants" ADD CONSTRAINT "rights_grants_decision_id_decision_records_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decision_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_grants" ADD CONSTRAINT "rights_grants_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_grants" ADD CONSTRAINT "rights_grants_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grant_answers_user_idx" ON "grant_answers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "ownership_formalities_grant_idx" ON "ownership_formalities" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "ownership_formalities_result_idx" ON "ownership_formalities" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "ownership_formalities_open_idx" ON "ownership_formalities" USING btree ("last_reminded_on") WHERE status <> 'approved';--> statement-breakpoint
CREATE INDEX "ownership_formalities_institution_idx" ON "ownership_formalities" USING btree ("institution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rights_grants_pending_key" ON "rights_grants" USING btree ("result_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "rights_grants_institution_idx" ON "rights_grants" USING btree ("institution_id","created_at");--> statement-breakpoint
CREATE INDEX "rights_grants_result_idx" ON "rights_grants" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "rights_grants_decision_idx" ON "rights_grants" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "rights_grants_decided_by_idx" ON "rights_grants" USING btree ("decided_by");--> statement-breakpoint
CREATE INDEX "rights_grants_conversion_idx" ON "rights_grants" USING btree ("conversion_id");--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_ownership_check" CHECK ("results"."ownership" in ('institution', 'co_owned', 'long_term_use', 'team_owned'));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('listing_approved', 'listing_rejected', 'listing_taken_down', 'objection_filed', 'objection_responded', 'objection_withdrawn', 'objection_dismissed', 'notice_ended', 'objection_decided', 'objection_decision_lapsed', 'claim_received', 'window_ended', 'auction_scheduled', 'inquiry_received', 'showcase_expired', 'proposal_received', 'proposal_withdrawn', 'demand_deadline_reached', 'proposal_awarded', 'proposal_not_selected', 'selection_expired', 'landing_confirmed', 'demand_landed', 'reward_confirmed', 'deal_recorded', 'deal_landed', 'deadline_approaching', 'match_found', 'auction_started', 'auction_outbid', 'auction_won', 'auction_closed', 'pool_included', 'pool_removed', 'paylater_applied', 'paylater_updated', 'paylater_licence_activated', 'paylater_sales_reported', 'paylater_payment_due', 'paylater_payment_overdue', 'paylater_payment_received', 'ledger_payment_due', 'ledger_payment_overdue', 'login_failures', 'grant_received', 'grant_answered', 'formality_open'));--> statement-breakpoint
ALTER TABLE "decision_records" ADD CONSTRAINT "decision_records_type_check" CHECK ("decision_records"."decision_type" in ('pricing', 'notice_outcome', 'objection_decision', 'deal', 'contract', 'grant', 'transfer', 'reward_approval', 'listing_review', 'pool_inclusion', 'paylater_approval', 'payment_confirmation', 'landing_confirmation', 'rights_acceptance', 'ownership_formality'));