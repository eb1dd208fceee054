ALTER TABLE "listings" DROP CONSTRAINT "listings_status_check";--> statement-breakpoint
ALTER TABLE "deadline_reminders" DROP CONSTRAINT "deadline_reminders_kind_check";--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";--> statement-breakpoint
DROP INDEX "listings_timed_idx";--> statement-breakpoint
ALTER TABLE "export_control_confirmations" ALTER COLUMN "listing_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "domicile" text DEFAULT 'mainland' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "registration_number" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "country_or_region" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "domicile_review_pending" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "results" ADD COLUMN "long_term_use_starts_on" date;--> statement-breakpoint
ALTER TABLE "results" ADD COLUMN "rights_review" text;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "budget_negotiable" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "license_scope" text;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "notice_round" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "objection_decision_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "exclusivity_conflict" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "price_basis" text;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "bound_price_fen" bigint;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "license_scope" text;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "counterparty_domicile" text;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "counterparty_own_subsidiary" boolean;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "landing_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "landing_confirmed_by" uuid;--> statement-breakpoint
ALTER TABLE "export_control_confirmations" ADD COLUMN "result_id" uuid;--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN "notice_round" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN "internal" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_landing_confirmed_by_users_id_fk" FOREIGN KEY ("landing_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_control_confirmations" ADD CONSTRAINT "export_control_confirmations_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deals_landing_confirmed_by_idx" ON "deals" USING btree ("landing_confirmed_by");--> statement-breakpoint
CREATE INDEX "export_control_confirmations_result_idx" ON "export_control_confirmations" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "listings_timed_idx" ON "listings" USING btree ("status") WHERE status in ('notice', 'objection_review', 'listed', 'showcase', 'open', 'selecting');--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_status_check" CHECK ("listings"."status" in ('draft', 'pending_review', 'rejected', 'showcase', 'notice', 'objection_review', 'listed', 'auction', 'matched', 'converted', 'unsold', 'expired', 'withdrawn', 'taken_down', 'open', 'selecting', 'awarded', 'landed'));--> statement-breakpoint
ALTER TABLE "deadline_reminders" ADD CONSTRAINT "deadline_reminders_kind_check" CHECK ("deadline_reminders"."kind" in ('notice_end', 'objection_decision', 'listing_end', 'showcase_expiry', 'demand_deadline', 'selection_end'));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('listing_approved', 'listing_rejected', 'listing_taken_down', 'objection_filed', 'objection_responded', 'objection_withdrawn', 'objection_dismissed', 'notice_ended', 'objection_decided', 'objection_decision_lapsed', 'claim_received', 'window_ended', 'auction_scheduled', 'inquiry_received', 'showcase_expired', 'proposal_received', 'proposal_withdrawn', 'demand_deadline_reached', 'proposal_awarded', 'proposal_not_selected', 'selection_expired', 'landing_confirmed', 'demand_landed', 'reward_confirmed', 'deal_recorded', 'deal_landed', 'deadline_approaching', 'match_found', 'auction_started', 'auction_outbid', 'auction_won', 'auction_closed', 'pool_included', 'pool_removed', 'paylater_applied', 'paylater_updated', 'paylater_licence_activated', 'paylater_sales_reported', 'paylater_payment_due', 'paylater_payment_overdue', 'paylater_payment_received'));