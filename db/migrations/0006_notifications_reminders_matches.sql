CREATE TABLE "deadline_reminders" (
	"listing_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadline_reminders_listing_id_kind_deadline_at_pk" PRIMARY KEY("listing_id","kind","deadline_at"),
	CONSTRAINT "deadline_reminders_kind_check" CHECK ("deadline_reminders"."kind" in ('notice_end', 'listing_end', 'showcase_expiry', 'demand_deadline', 'selection_end'))
);
--> statement-breakpoint
CREATE TABLE "match_notifications" (
	"low_listing_id" uuid NOT NULL,
	"high_listing_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_notifications_low_listing_id_high_listing_id_pk" PRIMARY KEY("low_listing_id","high_listing_id"),
	CONSTRAINT "match_notifications_order_check" CHECK ("match_notifications"."low_listing_id" < "match_notifications"."high_listing_id")
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";--> statement-breakpoint
ALTER TABLE "deadline_reminders" ADD CONSTRAINT "deadline_reminders_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_notifications" ADD CONSTRAINT "match_notifications_low_listing_id_listings_id_fk" FOREIGN KEY ("low_listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_notifications" ADD CONSTRAINT "match_notifications_high_listing_id_listings_id_fk" FOREIGN KEY ("high_listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "match_notifications_high_idx" ON "match_notifications" USING btree ("high_listing_id");--> statement-breakpoint
ALTER TABLE "auction_participants" ADD CONSTRAINT "auction_participants_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('listing_approved', 'listing_rejected', 'listing_taken_down', 'objection_filed', 'objection_responded', 'objection_withdrawn', 'objection_dismissed', 'notice_ended', 'claim_received', 'window_ended', 'auction_scheduled', 'inquiry_received', 'showcase_expired', 'proposal_received', 'proposal_withdrawn', 'demand_deadline_reached', 'proposal_awarded', 'proposal_not_selected', 'selection_expired', 'landing_confirmed', 'demand_landed', 'reward_confirmed', 'deal_recorded', 'deadline_approaching', 'match_found', 'auction_started', 'auction_outbid', 'auction_won', 'auction_closed', 'pool_included', 'pool_removed', 'paylater_applied', 'paylater_updated', 'paylater_licence_activated', 'paylater_sales_reported', 'paylater_payment_due', 'paylater_payment_overdue', 'paylater_payment_received'));