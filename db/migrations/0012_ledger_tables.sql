CREATE TABLE "contracts" (
	"conversion_id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"contract_type" text NOT NULL,
	"title" text NOT NULL,
	"contract_no" text,
	"seller_name" text NOT NULL,
	"seller_credit_code" text,
	"buyer_name" text NOT NULL,
	"buyer_credit_code" text,
	"amount_fen" bigint NOT NULL,
	"technology_amount_fen" bigint NOT NULL,
	"payment_methods" text[] NOT NULL,
	"royalty_bp" integer,
	"royalty_base" text,
	"signed_on" date,
	"term_starts_on" date,
	"term_ends_on" date,
	"registration_no" text,
	"registered_on" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"terminated_on" date,
	"termination_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_type_check" CHECK ("contracts"."contract_type" in ('development', 'transfer', 'license', 'consulting', 'service')),
	CONSTRAINT "contracts_status_check" CHECK ("contracts"."status" in ('draft', 'effective', 'completed', 'terminated')),
	CONSTRAINT "contracts_payment_methods_check" CHECK ("contracts"."payment_methods" <@ array['lump_sum', 'instalments', 'royalty', 'equity']::text[]),
	CONSTRAINT "contracts_payment_methods_nonempty_check" CHECK (cardinality("contracts"."payment_methods") >= 1),
	CONSTRAINT "contracts_amount_check" CHECK ("contracts"."amount_fen" >= 0 and "contracts"."technology_amount_fen" between 0 and "contracts"."amount_fen"),
	CONSTRAINT "contracts_royalty_check" CHECK ("contracts"."royalty_bp" is null or "contracts"."royalty_bp" between 1 and 10000),
	CONSTRAINT "contracts_signed_check" CHECK ("contracts"."status" = 'draft' or "contracts"."signed_on" is not null),
	CONSTRAINT "contracts_term_check" CHECK ("contracts"."term_ends_on" is null or "contracts"."term_starts_on" is null or "contracts"."term_ends_on" > "contracts"."term_starts_on"),
	CONSTRAINT "contracts_registration_check" CHECK (("contracts"."registration_no" is null) = ("contracts"."registered_on" is null)),
	CONSTRAINT "contracts_termination_check" CHECK (("contracts"."status" = 'terminated') = ("contracts"."terminated_on" is not null and "contracts"."termination_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "conversions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"result_id" uuid,
	"route" text NOT NULL,
	"origin" text,
	"listing_id" uuid,
	"proposal_id" uuid,
	"paylater_licence_id" uuid,
	"counterparty_org_id" uuid,
	"counterparty_name" text NOT NULL,
	"counterparty_credit_code" text,
	"counterparty_ownership" text,
	"counterparty_domicile" text DEFAULT 'mainland' NOT NULL,
	"counterparty_own_subsidiary" boolean,
	"transaction_type" text NOT NULL,
	"license_scope" text,
	"price_basis" text NOT NULL,
	"bound_price_fen" bigint,
	"appraisal" text,
	"basis" text DEFAULT '' NOT NULL,
	"evidence_ref" text,
	"classified_approval_ref" text,
	"confidentiality_agreement_ref" text,
	"intermediary_kind" text,
	"intermediary_name" text,
	"intermediary_org_id" uuid,
	"intermediary_commission_fen" bigint,
	"intermediary_commission_bp" integer,
	"landing_confirmed_at" timestamp with time zone,
	"landing_confirmed_by" uuid,
	"reward_confirmed_at" timestamp with time zone,
	"reward_confirmed_by" uuid,
	"reward_note" text,
	"recorded_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversions_route_check" CHECK ("conversions"."route" in ('deal', 'demand', 'paylater', 'off_platform')),
	CONSTRAINT "conversions_origin_check" CHECK ("conversions"."origin" in ('notice', 'window_agreed', 'claim', 'auction', 'showcase')),
	CONSTRAINT "conversions_transaction_type_check" CHECK ("conversions"."transaction_type" in ('transfer', 'license', 'equity', 'development', 'service')),
	CONSTRAINT "conversions_license_scope_check" CHECK ("conversions"."license_scope" in ('exclusive', 'sole', 'non_exclusive')),
	CONSTRAINT "conversions_license_scope_shape_check" CHECK (("conversions"."transaction_type" = 'license') = ("conversions"."license_scope" is not null)),
	CONSTRAINT "conversions_price_basis_check" CHECK ("conversions"."price_basis" in ('agreed_price', 'listed_price', 'hammer_price', 'negotiable', 'unverified', 'paylater_terms', 'proposal_quote', 'off_platform')),
	CONSTRAINT "conversions_ownership_check" CHECK ("conversions"."counterparty_ownership" in ('state_wholly_owned', 'state_controlled', 'private', 'foreign')),
	CONSTRAINT "conversions_domicile_check" CHECK ("conversions"."counterparty_domicile" in ('mainland', 'hk_macao_taiwan', 'abroad')),
	CONSTRAINT "conversions_appraisal_check" CHECK ("conversions"."appraisal" in ('appraised', 'skipped_state_owned', 'not_appraised')),
	CONSTRAINT "conversions_intermediary_kind_check" CHECK ("conversions"."intermediary_kind" in ('technology_manager', 'transfer_office')),
	CONSTRAINT "conversions_bound_price_check" CHECK ("conversions"."bound_price_fen" is null or "conversions"."bound_price_fen" >= 0),
	CONSTRAINT "conversions_commission_check" CHECK (("conversions"."intermediary_commission_fen" is null or "conversions"."intermediary_commission_fen" >= 0) and ("conversions"."intermediary_commission_bp" is null or "conversions"."intermediary_commission_bp" between 0 and 10000)),
	CONSTRAINT "conversions_intermediary_shape_check" CHECK (("conversions"."intermediary_kind" is null) = ("conversions"."intermediary_name" is null)),
	CONSTRAINT "conversions_route_shape_check" CHECK (case "conversions"."route"
        when 'deal' then "conversions"."listing_id" is not null and "conversions"."origin" is not null and "conversions"."result_id" is not null
        when 'demand' then "conversions"."listing_id" is not null and "conversions"."proposal_id" is not null and "conversions"."origin" is null
        when 'paylater' then "conversions"."paylater_licence_id" is not null and "conversions"."origin" is null and "conversions"."result_id" is not null
        else "conversions"."origin" is null and "conversions"."result_id" is not null and "conversions"."listing_id" is null and "conversions"."proposal_id" is null and "conversions"."paylater_licence_id" is null end),
	CONSTRAINT "conversions_appraisal_skip_check" CHECK ("conversions"."appraisal" is distinct from 'skipped_state_owned' or "conversions"."counterparty_ownership" = 'state_wholly_owned'),
	CONSTRAINT "conversions_landing_check" CHECK (("conversions"."landing_confirmed_at" is null) = ("conversions"."landing_confirmed_by" is null)),
	CONSTRAINT "conversions_reward_check" CHECK (("conversions"."reward_confirmed_at" is null) = ("conversions"."reward_confirmed_by" is null))
);
--> statement-breakpoint
CREATE TABLE "equity_stakes" (
	"conversion_id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"company_name" text NOT NULL,
	"company_credit_code" text NOT NULL,
	"shares" bigint,
	"stake_bp" integer,
	"valuation_fen" bigint NOT NULL,
	"acquired_on" date NOT NULL,
	"status" text DEFAULT 'held' NOT NULL,
	"disposed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "equity_stakes_status_check" CHECK ("equity_stakes"."status" in ('held', 'disposed')),
	CONSTRAINT "equity_stakes_valuation_check" CHECK ("equity_stakes"."valuation_fen" >= 0),
	CONSTRAINT "equity_stakes_size_check" CHECK (("equity_stakes"."shares" is not null and "equity_stakes"."shares" > 0) or ("equity_stakes"."stake_bp" is not null and "equity_stakes"."stake_bp" between 1 and 10000)),
	CONSTRAINT "equity_stakes_disposed_check" CHECK (("equity_stakes"."status" = 'disposed') = ("equity_stakes"."disposed_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversion_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"result_id" uuid,
	"schedule_item_id" uuid,
	"amount_fen" bigint NOT NULL,
	"received_on" date NOT NULL,
	"payer_name" text NOT NULL,
	"evidence_ref" text DEFAULT '' NOT NULL,
	"overpayment" boolean DEFAULT false NOT NULL,
	"overpayment_reason" text,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_amount_check" CHECK ("payments"."amount_fen" > 0),
	CONSTRAINT "payments_overpayment_check" CHECK ("payments"."overpayment" = ("payments"."overpayment_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "royalty_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversion_id" uuid NOT NULL,
	"schedule_item_id" uuid NOT NULL,
	"period_starts_on" date NOT NULL,
	"period_ends_on" date NOT NULL,
	"sales_fen" bigint NOT NULL,
	"royalty_fen" bigint NOT NULL,
	"reported_on" date NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "royalty_reports_amount_check" CHECK ("royalty_reports"."sales_fen" >= 0 and "royalty_reports"."royalty_fen" >= 0),
	CONSTRAINT "royalty_reports_period_check" CHECK ("royalty_reports"."period_ends_on" >= "royalty_reports"."period_starts_on")
);
--> statement-breakpoint
CREATE TABLE "schedule_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversion_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint,
	"due_on" date,
	"period_starts_on" date,
	"period_ends_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"reminded_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_items_kind_check" CHECK ("schedule_items"."kind" in ('instalment', 'royalty', 'equity')),
	CONSTRAINT "schedule_items_status_check" CHECK ("schedule_items"."status" in ('open', 'paid', 'cancelled')),
	CONSTRAINT "schedule_items_amount_check" CHECK ("schedule_items"."amount_fen" is null or "schedule_items"."amount_fen" >= 0),
	CONSTRAINT "schedule_items_amount_known_check" CHECK ("schedule_items"."kind" = 'royalty' or "schedule_items"."amount_fen" is not null),
	CONSTRAINT "schedule_items_period_check" CHECK ("schedule_items"."period_ends_on" is null or "schedule_items"."period_starts_on" is null or "schedule_items"."period_ends_on" >= "schedule_items"."period_starts_on")
);
--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_institution_id_organisations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_institution_id_organisations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_paylater_licence_id_paylater_licences_id_fk" FOREIGN KEY ("paylater_licence_id") REFERENCES "public"."paylater_licences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_counterparty_org_id_organisations_id_fk" FOREIGN KEY ("counterparty_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_intermediary_org_id_organisations_id_fk" FOREIGN KEY ("intermediary_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_landing_confirmed_by_users_id_fk" FOREIGN KEY ("landing_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_reward_confirmed_by_users_id_fk" FOREIGN KEY ("reward_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equity_stakes" ADD CONSTRAINT "equity_stakes_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equity_stakes" ADD CONSTRAINT "equity_stakes_institution_id_organisations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_institution_id_organisations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_schedule_item_id_schedule_items_id_fk" FOREIGN KEY ("schedule_item_id") REFERENCES "public"."schedule_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "royalty_reports" ADD CONSTRAINT "royalty_reports_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "royalty_reports" ADD CONSTRAINT "royalty_reports_schedule_item_id_schedule_items_id_fk" FOREIGN KEY ("schedule_item_id") REFERENCES "public"."schedule_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "royalty_reports" ADD CONSTRAINT "royalty_reports_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_items" ADD CONSTRAINT "schedule_items_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_registration_key" ON "contracts" USING btree ("institution_id","registration_no") WHERE registration_no is not null;--> statement-breakpoint
CREATE INDEX "contracts_institution_signed_idx" ON "contracts" USING btree ("institution_id","signed_on","conversion_id");--> statement-breakpoint
CREATE INDEX "contracts_status_idx" ON "contracts" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "conversions_deal_listing_key" ON "conversions" USING btree ("listing_id") WHERE route = 'deal';--> statement-breakpoint
CREATE UNIQUE INDEX "conversions_proposal_key" ON "conversions" USING btree ("proposal_id") WHERE proposal_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "conversions_paylater_licence_key" ON "conversions" USING btree ("paylater_licence_id") WHERE paylater_licence_id is not null;--> statement-breakpoint
CREATE INDEX "conversions_institution_idx" ON "conversions" USING btree ("institution_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "conversions_result_idx" ON "conversions" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "conversions_listing_idx" ON "conversions" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "conversions_counterparty_org_idx" ON "conversions" USING btree ("counterparty_org_id");--> statement-breakpoint
CREATE INDEX "conversions_intermediary_org_idx" ON "conversions" USING btree ("intermediary_org_id");--> statement-breakpoint
CREATE INDEX "conversions_recorded_by_idx" ON "conversions" USING btree ("recorded_by");--> statement-breakpoint
CREATE INDEX "conversions_landing_confirmed_by_idx" ON "conversions" USING btree ("landing_confirmed_by");--> statement-breakpoint
CREATE INDEX "conversions_reward_confirmed_by_idx" ON "conversions" USING btree ("reward_confirmed_by");--> statement-breakpoint
CREATE INDEX "equity_stakes_institution_idx" ON "equity_stakes" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "payments_conversion_idx" ON "payments" USING btree ("conversion_id","received_on");--> statement-breakpoint
CREATE INDEX "payments_institution_received_idx" ON "payments" USING btree ("institution_id","received_on","amount_fen");--> statement-breakpoint
CREATE INDEX "payments_result_idx" ON "payments" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "payments_schedule_item_idx" ON "payments" USING btree ("schedule_item_id");--> statement-breakpoint
CREATE INDEX "payments_recorded_by_idx" ON "payments" USING btree ("recorded_by");--> statement-breakpoint
CREATE UNIQUE INDEX "royalty_reports_period_key" ON "royalty_reports" USING btree ("conversion_id","period_starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "royalty_reports_schedule_item_key" ON "royalty_reports" USING btree ("schedule_item_id");--> statement-breakpoint
CREATE INDEX "royalty_reports_recorded_by_idx" ON "royalty_reports" USING btree ("recorded_by");--> statement-breakpoint
CREATE UNIQUE INDEX "schedule_items_seq_key" ON "schedule_items" USING btree ("conversion_id","seq");--> statement-breakpoint
CREATE INDEX "schedule_items_open_due_idx" ON "schedule_items" USING btree ("due_on") WHERE status = 'open' and due_on is not null;