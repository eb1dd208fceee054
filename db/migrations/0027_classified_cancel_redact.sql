ALTER TABLE "auctions" DROP CONSTRAINT "auctions_status_check";--> statement-breakpoint
ALTER TABLE "auctions" DROP CONSTRAINT "auctions_result_check";--> statement-breakpoint
ALTER TABLE "pool_edition_items" ADD COLUMN "redacted_on" date;--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_status_check" CHECK ("auctions"."status" in ('scheduled', 'live', 'closed', 'unsold', 'cancelled'));--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_result_check" CHECK ("auctions"."result" in ('sold', 'no_bids', 'reserve_not_met', 'taken_down', 'cancelled_classified'));