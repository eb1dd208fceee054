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
ALTER TABLE "auction_participants" DROP CONSTRAINT "auction_participants_deposit_check";--> statement-breakpoint
ALTER TABLE "auctions" DROP CONSTRAINT "auctions_amounts_check";--> statement-breakpoint
ALTER TABLE "auctions" DROP CONSTRAINT "auctions_period_check";--> statement-breakpoint
ALTER TABLE "auction_participants" DROP CONSTRAINT "auction_participants_claim_id_claims_id_fk";
--> statement-breakpoint
ALTER TABLE "auctions" ALTER COLUMN "id" SET DEFAULT gen_random_uuid();--> statement-breakpoint
ALTER TABLE "auctions" ALTER COLUMN "starts_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "auctions" ALTER COLUMN "ends_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "auction_participants" ADD COLUMN "registered_by" uuid;--> statement-breakpoint
ALTER TABLE "auctions" ADD COLUMN "initial_ends_at" timestamp (3) with time zone NOT NULL;--> statement-breakpoint
ALTER TABLE "auctions" ADD COLUMN "deposit_fen" bigint;--> statement-breakpoint
ALTER TABLE "auctions" ADD COLUMN "result" text;--> statement-breakpoint
ALTER TABLE "auctions" ADD COLUMN "winner_participant_id" uuid;--> statement-breakpoint
ALTER TABLE "auctions" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bid_refusals" ADD CONSTRAINT "bid_refusals_auction_id_auctions_id_fk" FOREIGN KEY ("auction_id") REFERENCES "public"."auctions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_refusals" ADD CONSTRAINT "bid_refusals_participant_id_auction_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."auction_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_refusals" ADD CONSTRAINT "bid_refusals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_refusals" ADD CONSTRAINT "bid_refusals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_auction_id_auctions_id_fk" FOREIGN KEY ("auction_id") REFERENCES "public"."auctions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_participant_id_auction_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."auction_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bid_refusals_idempotency_key" ON "bid_refusals" USING btree ("auction_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "bid_refusals_participant_idx" ON "bid_refusals" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "bid_refusals_organisation_idx" ON "bid_refusals" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "bid_refusals_user_idx" ON "bid_refusals" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bids_idempotency_key" ON "bids" USING btree ("auction_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "bids_participant_idx" ON "bids" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "bids_user_idx" ON "bids" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "auction_participants" ADD CONSTRAINT "auction_participants_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_winner_participant_id_auction_participants_id_fk" FOREIGN KEY ("winner_participant_id") REFERENCES "public"."auction_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auction_participants_registered_by_idx" ON "auction_participants" USING btree ("registered_by");--> statement-breakpoint
CREATE INDEX "auctions_winner_idx" ON "auctions" USING btree ("winner_participant_id");--> statement-breakpoint
ALTER TABLE "auction_participants" ADD CONSTRAINT "auction_participants_position_check" CHECK ("auction_participants"."position" >= 0);--> statement-breakpoint
ALTER TABLE "auction_participants" ADD CONSTRAINT "auction_participants_deposit_check" CHECK ("auction_participants"."deposit_fen" is null or "auction_participants"."deposit_fen" > 0);--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_result_check" CHECK ("auctions"."result" in ('sold', 'no_bids', 'reserve_not_met', 'taken_down'));--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_soft_close_check" CHECK ("auctions"."soft_close_ms" >= 0);--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_leader_check" CHECK (("auctions"."current_price_fen" is null) = ("auctions"."leader_participant_id" is null));--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_result_shape_check" CHECK (("auctions"."result" is null) = ("auctions"."status" in ('scheduled', 'live')));--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_winner_check" CHECK (("auctions"."winner_participant_id" is not null) = ("auctions"."result" = 'sold'));--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_amounts_check" CHECK ("auctions"."start_price_fen" > 0 and "auctions"."increment_fen" > 0 and ("auctions"."reserve_price_fen" is null or "auctions"."reserve_price_fen" >= 0) and ("auctions"."deposit_fen" is null or "auctions"."deposit_fen" > 0));--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_period_check" CHECK ("auctions"."initial_ends_at" > "auctions"."starts_at" and "auctions"."ends_at" >= "auctions"."initial_ends_at");