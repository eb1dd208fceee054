CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"claimed_by" uuid NOT NULL,
	"price_fen" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claims_price_check" CHECK ("claims"."price_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "deals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"result_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"counterparty_org_id" uuid,
	"counterparty_name" text NOT NULL,
	"counterparty_ownership" text NOT NULL,
	"transaction_type" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"appraisal" text NOT NULL,
	"basis" text DEFAULT '' NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deals_ownership_check" CHECK ("deals"."counterparty_ownership" in ('state_wholly_owned', 'state_controlled', 'private', 'foreign')),
	CONSTRAINT "deals_transaction_type_check" CHECK ("deals"."transaction_type" in ('transfer', 'license', 'equity')),
	CONSTRAINT "deals_appraisal_check" CHECK ("deals"."appraisal" in ('appraised', 'skipped_state_owned', 'not_appraised')),
	CONSTRAINT "deals_amount_check" CHECK ("deals"."amount_fen" >= 0),
	CONSTRAINT "deals_appraisal_skip_check" CHECK ("deals"."appraisal" <> 'skipped_state_owned' or "deals"."counterparty_ownership" = 'state_wholly_owned')
);
--> statement-breakpoint
CREATE TABLE "export_control_confirmations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"confirmed_by" uuid NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inquiries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"message" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"filed_by" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'standing' NOT NULL,
	"response_text" text,
	"responded_by" uuid,
	"responded_at" timestamp with time zone,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"dismissal_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "objections_status_check" CHECK ("objections"."status" in ('standing', 'withdrawn', 'dismissed')),
	CONSTRAINT "objections_dismissal_check" CHECK ("objections"."status" <> 'dismissed' or "objections"."dismissal_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"submitted_by" uuid NOT NULL,
	"team" text NOT NULL,
	"approach" text NOT NULL,
	"timeline" text NOT NULL,
	"quote_fen" bigint NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"decided_at" timestamp with time zone,
	"enterprise_confirmed_at" timestamp with time zone,
	"enterprise_confirmed_by" uuid,
	"institution_confirmed_at" timestamp with time zone,
	"institution_confirmed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposals_status_check" CHECK ("proposals"."status" in ('submitted', 'withdrawn', 'awarded', 'not_selected')),
	CONSTRAINT "proposals_quote_check" CHECK ("proposals"."quote_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "reward_confirmations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"operator_id" uuid NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auction_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"auction_id" uuid NOT NULL,
	"organisation_id" uuid,
	"display_name" text NOT NULL,
	"source" text NOT NULL,
	"claim_id" uuid,
	"position" integer NOT NULL,
	"alias" text NOT NULL,
	"deposit_required" boolean DEFAULT false NOT NULL,
	"deposit_fen" bigint,
	"deposit_confirmed_at" timestamp with time zone,
	"deposit_confirmed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auction_participants_source_check" CHECK ("auction_participants"."source" in ('claim', 'counterparty', 'registration')),
	CONSTRAINT "auction_participants_deposit_check" CHECK ("auction_participants"."deposit_fen" is null or "auction_participants"."deposit_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "auctions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"listing_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"start_price_fen" bigint NOT NULL,
	"increment_fen" bigint NOT NULL,
	"reserve_price_fen" bigint,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"soft_close_ms" integer NOT NULL,
	"current_price_fen" bigint,
	"leader_participant_id" uuid,
	"seq" integer DEFAULT 0 NOT NULL,
	"hash_head" text NOT NULL,
	"alias_secret" text NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auctions_status_check" CHECK ("auctions"."status" in ('scheduled', 'live', 'closed', 'unsold')),
	CONSTRAINT "auctions_origin_check" CHECK ("auctions"."origin" in ('window', 'direct')),
	CONSTRAINT "auctions_amounts_check" CHECK ("auctions"."start_price_fen" >= 0 and "auctions"."increment_fen" > 0),
	CONSTRAINT "auctions_period_check" CHECK ("auctions"."ends_at" > "auctions"."starts_at"),
	CONSTRAINT "auctions_seq_check" CHECK ("auctions"."seq" >= 0)
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"listing_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('listing_approved', 'listing_rejected', 'listing_taken_down', 'objection_filed', 'objection_responded', 'objection_withdrawn', 'objection_dismissed', 'notice_ended', 'claim_received', 'window_ended', 'auction_scheduled', 'inquiry_received', 'showcase_expired', 'proposal_received', 'proposal_withdrawn', 'demand_deadline_reached', 'proposal_awarded', 'proposal_not_selected', 'selection_expired', 'landing_confirmed', 'demand_landed', 'reward_confirmed', 'deal_recorded'))
);
--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "matched_org_id" uuid;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "matched_name" text;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "matched_price_fen" bigint;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "matched_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "match_route" text;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_claimed_by_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_institution_id_organisations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_counterparty_org_id_organisations_id_fk" FOREIGN KEY ("counterparty_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_control_confirmations" ADD CONSTRAINT "export_control_confirmations_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_control_confirmations" ADD CONSTRAINT "export_control_confirmations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_control_confirmations" ADD CONSTRAINT "export_control_confirmations_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_enterprise_confirmed_by_users_id_fk" FOREIGN KEY ("enterprise_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_institution_confirmed_by_users_id_fk" FOREIGN KEY ("institution_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_confirmations" ADD CONSTRAINT "reward_confirmations_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_confirmations" ADD CONSTRAINT "reward_confirmations_operator_id_users_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_participants" ADD CONSTRAINT "auction_participants_auction_id_auctions_id_fk" FOREIGN KEY ("auction_id") REFERENCES "public"."auctions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_participants" ADD CONSTRAINT "auction_participants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_participants" ADD CONSTRAINT "auction_participants_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_participants" ADD CONSTRAINT "auction_participants_deposit_confirmed_by_users_id_fk" FOREIGN KEY ("deposit_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_leader_participant_id_auction_participants_id_fk" FOREIGN KEY ("leader_participant_id") REFERENCES "public"."auction_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "claims_listing_org_key" ON "claims" USING btree ("listing_id","organisation_id");--> statement-breakpoint
CREATE INDEX "claims_organisation_idx" ON "claims" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "claims_claimed_by_idx" ON "claims" USING btree ("claimed_by");--> statement-breakpoint
CREATE UNIQUE INDEX "deals_listing_key" ON "deals" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "deals_result_idx" ON "deals" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "deals_institution_idx" ON "deals" USING btree ("institution_id","created_at");--> statement-breakpoint
CREATE INDEX "deals_counterparty_org_idx" ON "deals" USING btree ("counterparty_org_id");--> statement-breakpoint
CREATE INDEX "deals_recorded_by_idx" ON "deals" USING btree ("recorded_by");--> statement-breakpoint
CREATE UNIQUE INDEX "export_control_confirmations_listing_key" ON "export_control_confirmations" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "export_control_confirmations_organisation_idx" ON "export_control_confirmations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "export_control_confirmations_confirmed_by_idx" ON "export_control_confirmations" USING btree ("confirmed_by");--> statement-breakpoint
CREATE INDEX "inquiries_listing_idx" ON "inquiries" USING btree ("listing_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "inquiries_organisation_idx" ON "inquiries" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "inquiries_user_idx" ON "inquiries" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "objections_listing_org_key" ON "objections" USING btree ("listing_id","organisation_id");--> statement-breakpoint
CREATE INDEX "objections_organisation_idx" ON "objections" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "objections_filed_by_idx" ON "objections" USING btree ("filed_by");--> statement-breakpoint
CREATE INDEX "objections_responded_by_idx" ON "objections" USING btree ("responded_by");--> statement-breakpoint
CREATE INDEX "objections_closed_by_idx" ON "objections" USING btree ("closed_by");--> statement-breakpoint
CREATE INDEX "objections_standing_idx" ON "objections" USING btree ("listing_id") WHERE status = 'standing';--> statement-breakpoint
CREATE UNIQUE INDEX "proposals_listing_org_live_key" ON "proposals" USING btree ("listing_id","organisation_id") WHERE status <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "proposals_listing_idx" ON "proposals" USING btree ("listing_id","created_at");--> statement-breakpoint
CREATE INDEX "proposals_organisation_idx" ON "proposals" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "proposals_submitted_by_idx" ON "proposals" USING btree ("submitted_by");--> statement-breakpoint
CREATE INDEX "proposals_enterprise_confirmed_by_idx" ON "proposals" USING btree ("enterprise_confirmed_by");--> statement-breakpoint
CREATE INDEX "proposals_institution_confirmed_by_idx" ON "proposals" USING btree ("institution_confirmed_by");--> statement-breakpoint
CREATE UNIQUE INDEX "reward_confirmations_listing_key" ON "reward_confirmations" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "reward_confirmations_operator_idx" ON "reward_confirmations" USING btree ("operator_id");--> statement-breakpoint
CREATE UNIQUE INDEX "auction_participants_alias_key" ON "auction_participants" USING btree ("auction_id","alias");--> statement-breakpoint
CREATE UNIQUE INDEX "auction_participants_position_key" ON "auction_participants" USING btree ("auction_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "auction_participants_org_key" ON "auction_participants" USING btree ("auction_id","organisation_id");--> statement-breakpoint
CREATE INDEX "auction_participants_organisation_idx" ON "auction_participants" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "auction_participants_claim_idx" ON "auction_participants" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "auction_participants_deposit_confirmed_by_idx" ON "auction_participants" USING btree ("deposit_confirmed_by");--> statement-breakpoint
CREATE UNIQUE INDEX "auctions_listing_active_key" ON "auctions" USING btree ("listing_id") WHERE status in ('scheduled', 'live');--> statement-breakpoint
CREATE INDEX "auctions_listing_idx" ON "auctions" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "auctions_leader_idx" ON "auctions" USING btree ("leader_participant_id");--> statement-breakpoint
CREATE INDEX "auctions_scheduled_idx" ON "auctions" USING btree ("starts_at") WHERE status = 'scheduled';--> statement-breakpoint
CREATE INDEX "auctions_live_idx" ON "auctions" USING btree ("ends_at") WHERE status = 'live';--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE read_at is null;--> statement-breakpoint
CREATE INDEX "notifications_listing_idx" ON "notifications" USING btree ("listing_id");--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_matched_org_id_organisations_id_fk" FOREIGN KEY ("matched_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "listings_matched_org_idx" ON "listings" USING btree ("matched_org_id");--> statement-breakpoint
CREATE INDEX "listings_timed_idx" ON "listings" USING btree ("status") WHERE status in ('notice', 'listed', 'showcase', 'open', 'selecting');--> statement-breakpoint
CREATE INDEX "listings_notice_board_idx" ON "listings" USING btree ("notice_ends_at") WHERE status = 'notice';--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_match_route_check" CHECK ("listings"."match_route" in ('notice', 'window_agreed', 'claim', 'auction'));--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_match_shape_check" CHECK (("listings"."match_route" is null) = ("listings"."matched_at" is null) and ("listings"."match_route" is null) = ("listings"."matched_name" is null));