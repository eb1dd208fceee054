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
	"registered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auction_participants_source_check" CHECK ("auction_participants"."source" in ('claim', 'counterparty', 'registration')),
	CONSTRAINT "auction_participants_deposit_check" CHECK ("auction_participants"."deposit_fen" is null or "auction_participants"."deposit_fen" > 0),
	CONSTRAINT "auction_participants_position_check" CHECK ("auction_participants"."position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "auctions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"start_price_fen" bigint NOT NULL,
	"increment_fen" bigint NOT NULL,
	"reserve_price_fen" bigint,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"initial_ends_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"soft_close_ms" integer NOT NULL,
	"current_price_fen" bigint,
	"leader_participant_id" uuid,
	"seq" integer DEFAULT 0 NOT NULL,
	"hash_head" text NOT NULL,
	"alias_secret" text NOT NULL,
	"deposit_fen" bigint,
	"result" text,
	"winner_participant_id" uuid,
	"started_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auctions_status_check" CHECK ("auctions"."status" in ('scheduled', 'live', 'closed', 'unsold')),
	CONSTRAINT "auctions_origin_check" CHECK ("auctions"."origin" in ('window', 'direct')),
	CONSTRAINT "auctions_result_check" CHECK ("auctions"."result" in ('sold', 'no_bids', 'reserve_not_met', 'taken_down')),
	CONSTRAINT "auctions_amounts_check" CHECK ("auctions"."start_price_fen" > 0 and "auctions"."increment_fen" > 0 and ("auctions"."reserve_price_fen" is null or "auctions"."reserve_price_fen" >= 0) and ("auctions"."deposit_fen" is null or "auctions"."deposit_fen" > 0)),
	CONSTRAINT "auctions_period_check" CHECK ("auctions"."initial_ends_at" > "auctions"."starts_at" and "auctions"."ends_at" >= "auctions"."initial_ends_at"),
	CONSTRAINT "auctions_seq_check" CHECK ("auctions"."seq" >= 0),
	CONSTRAINT "auctions_soft_close_check" CHECK ("auctions"."soft_close_ms" >= 0),
	CONSTRAINT "auctions_leader_check" CHECK (("auctions"."current_price_fen" is null) = ("auctions"."leader_participant_id" is null)),
	CONSTRAINT "auctions_result_shape_check" CHECK (("auctions"."result" is null) = ("auctions"."status" in ('scheduled', 'live'))),
	CONSTRAINT "auctions_winner_check" CHECK (("auctions"."winner_participant_id" is not null) = ("auctions"."result" = 'sold'))
);
--> statement-breakpoint
CREATE TABLE "bid_refusals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"auction_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"participant_id" uuid,
	"organisation_id" uuid,
	"user_id" uuid,
	"amount_fen" bigint NOT NULL,
	"code" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bids" (
	"auction_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"participant_id" uuid NOT NULL,
	"bidder" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"user_id" uuid,
	CONSTRAINT "bids_auction_id_seq_pk" PRIMARY KEY("auction_id","seq"),
	CONSTRAINT "bids_seq_check" CHECK ("bids"."seq" >= 1),
	CONSTRAINT "bids_amount_check" CHECK ("bids"."amount_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "auction_participants" ADD CONSTRAINT "auction_participants_auction_id_auctions_id_fk" FOREIGN KEY ("auction_id") REFERENCES "public"."auctions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_participants" ADD CONSTRAINT "auction_participants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_participants" ADD CONSTRAINT "auction_participants_deposit_confirmed_by_users_id_fk" FOREIGN KEY ("deposit_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_participants" ADD CONSTRAINT "auction_participants_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_leader_participant_id_auction_participants_id_fk" FOREIGN KEY ("leader_participant_id") REFERENCES "public"."auction_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_winner_participant_id_auction_participants_id_fk" FOREIGN KEY ("winner_participant_id") REFERENCES "public"."auction_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_refusals" ADD CONSTRAINT "bid_refusals_auction_id_auctions_id_fk" FOREIGN KEY ("auction_id") REFERENCES "public"."auctions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_refusals" ADD CONSTRAINT "bid_refusals_participant_id_auction_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."auction_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_refusals" ADD CONSTRAINT "bid_refusals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_refusals" ADD CONSTRAINT "bid_refusals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_auction_id_auctions_id_fk" FOREIGN KEY ("auction_id") REFERENCES "public"."auctions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_participant_id_auction_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."auction_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "auction_participants_alias_key" ON "auction_participants" USING btree ("auction_id","alias");--> statement-breakpoint
CREATE UNIQUE INDEX "auction_participants_position_key" ON "auction_participants" USING btree ("auction_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "auction_participants_org_key" ON "auction_participants" USING btree ("auction_id","organisation_id");--> statement-breakpoint
CREATE INDEX "auction_participants_organisation_idx" ON "auction_participants" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "auction_participants_claim_idx" ON "auction_participants" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "auction_participants_deposit_confirmed_by_idx" ON "auction_participants" USING btree ("deposit_confirmed_by");--> statement-breakpoint
CREATE INDEX "auction_participants_registered_by_idx" ON "auction_participants" USING btree ("registered_by");--> statement-breakpoint
CREATE UNIQUE INDEX "auctions_listing_active_key" ON "auctions" USING btree ("listing_id") WHERE status in ('scheduled', 'live');--> statement-breakpoint
CREATE INDEX "auctions_listing_idx" ON "auctions" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "auctions_leader_idx" ON "auctions" USING btree ("leader_participant_id");--> statement-breakpoint
CREATE INDEX "auctions_winner_idx" ON "auctions" USING btree ("winner_participant_id");--> statement-breakpoint
CREATE INDEX "auctions_scheduled_idx" ON "auctions" USING btree ("starts_at") WHERE status = 'scheduled';--> statement-breakpoint
CREATE INDEX "auctions_live_idx" ON "auctions" USING btree ("ends_at") WHERE status = 'live';--> statement-breakpoint
CREATE UNIQUE INDEX "bid_refusals_idempotency_key" ON "bid_refusals" USING btree ("auction_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "bid_refusals_participant_idx" ON "bid_refusals" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "bid_refusals_organisation_idx" ON "bid_refusals" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "bid_refusals_user_idx" ON "bid_refusals" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bids_idempotency_key" ON "bids" USING btree ("auction_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "bids_participant_idx" ON "bids" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "bids_user_idx" ON "bids" USING btree ("user_id");