CREATE TABLE "decision_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"decision_type" text NOT NULL,
	"summary" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"decided_by" uuid,
	"decided_by_role" text NOT NULL,
	"decision_body" text DEFAULT '' NOT NULL,
	"meeting_date" date,
	"procedure" text DEFAULT '' NOT NULL,
	"basis" text NOT NULL,
	"document_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"corrects_id" uuid,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decision_records_subject_check" CHECK ("decision_records"."subject_type" in ('result', 'listing', 'conversion', 'contract', 'payment', 'grant', 'transfer')),
	CONSTRAINT "decision_records_type_check" CHECK ("decision_records"."decision_type" in ('pricing', 'notice_outcome', 'objection_decision', 'deal', 'contract', 'grant', 'transfer', 'reward_approval')),
	CONSTRAINT "decision_records_basis_check" CHECK (length(btrim("decision_records"."basis")) > 0)
);
--> statement-breakpoint
CREATE TABLE "determinations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"dossier_sha256" text NOT NULL,
	"conclusion" text NOT NULL,
	"determined_on" date NOT NULL,
	"basis" text NOT NULL,
	"determined_by" uuid,
	"determined_by_org_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "determinations_conclusion_check" CHECK ("determinations"."conclusion" in ('exempt', 'not_exempt')),
	CONSTRAINT "determinations_basis_check" CHECK (length(btrim("determinations"."basis")) > 0),
	CONSTRAINT "determinations_hash_check" CHECK ("determinations"."dossier_sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"filename" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_org_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_storage_key_unique" UNIQUE("storage_key"),
	CONSTRAINT "documents_subject_check" CHECK ("documents"."subject_type" in ('result', 'listing', 'conversion', 'contract', 'payment', 'grant', 'transfer')),
	CONSTRAINT "documents_kind_check" CHECK ("documents"."kind" in ('ip_certificate', 'appraisal_report', 'pricing_decision', 'decision_minutes', 'contract', 'payment_evidence', 'other')),
	CONSTRAINT "documents_size_check" CHECK ("documents"."size_bytes" > 0),
	CONSTRAINT "documents_sha256_check" CHECK ("documents"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "dossier_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"result_id" uuid,
	"period_from" timestamp with time zone,
	"period_to" timestamp with time zone,
	"manifest_sha256" text NOT NULL,
	"files" bigint NOT NULL,
	"exported_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "decision_records" ADD CONSTRAINT "decision_records_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_records" ADD CONSTRAINT "decision_records_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_records" ADD CONSTRAINT "decision_records_corrects_id_decision_records_id_fk" FOREIGN KEY ("corrects_id") REFERENCES "public"."decision_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_records" ADD CONSTRAINT "decision_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "determinations" ADD CONSTRAINT "determinations_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "determinations" ADD CONSTRAINT "determinations_determined_by_users_id_fk" FOREIGN KEY ("determined_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "determinations" ADD CONSTRAINT "determinations_determined_by_org_id_organisations_id_fk" FOREIGN KEY ("determined_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_uploaded_by_org_id_organisations_id_fk" FOREIGN KEY ("uploaded_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_exports" ADD CONSTRAINT "dossier_exports_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_exports" ADD CONSTRAINT "dossier_exports_exported_by_users_id_fk" FOREIGN KEY ("exported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decision_records_subject_idx" ON "decision_records" USING btree ("subject_type","subject_id","created_at");--> statement-breakpoint
CREATE INDEX "decision_records_org_idx" ON "decision_records" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "decision_records_corrects_idx" ON "decision_records" USING btree ("corrects_id");--> statement-breakpoint
CREATE INDEX "decision_records_decided_by_idx" ON "decision_records" USING btree ("decided_by");--> statement-breakpoint
CREATE INDEX "decision_records_recorded_by_idx" ON "decision_records" USING btree ("recorded_by");--> statement-breakpoint
CREATE INDEX "determinations_org_idx" ON "determinations" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "determinations_determined_by_idx" ON "determinations" USING btree ("determined_by");--> statement-breakpoint
CREATE INDEX "determinations_determined_by_org_idx" ON "determinations" USING btree ("determined_by_org_id");--> statement-breakpoint
CREATE INDEX "documents_subject_idx" ON "documents" USING btree ("subject_type","subject_id","created_at");--> statement-breakpoint
CREATE INDEX "documents_org_idx" ON "documents" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "documents_uploaded_by_idx" ON "documents" USING btree ("uploaded_by");--> statement-breakpoint
CREATE INDEX "documents_uploaded_by_org_idx" ON "documents" USING btree ("uploaded_by_org_id");--> statement-breakpoint
CREATE INDEX "dossier_exports_org_idx" ON "dossier_exports" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "dossier_exports_hash_idx" ON "dossier_exports" USING btree ("manifest_sha256");--> statement-breakpoint
CREATE INDEX "dossier_exports_exported_by_idx" ON "dossier_exports" USING btree ("exported_by");