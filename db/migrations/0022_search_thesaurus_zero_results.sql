CREATE SEQUENCE "public"."thesaurus_revision_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "search_zero_results" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"query" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "thesaurus_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"field" text NOT NULL,
	"words" text[] NOT NULL,
	"one_way" boolean DEFAULT false NOT NULL,
	"revision" bigint DEFAULT nextval('thesaurus_revision_seq') NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "thesaurus_entries_two_words" CHECK (cardinality("thesaurus_entries"."words") >= 2)
);
--> statement-breakpoint
CREATE INDEX "search_zero_results_created_idx" ON "search_zero_results" USING btree ("created_at","query");--> statement-breakpoint
CREATE INDEX "thesaurus_entries_revision_idx" ON "thesaurus_entries" USING btree ("revision");