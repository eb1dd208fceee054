-- 措施十四 (尽职免责): documents and decision records are evidence. Refuse every UPDATE and DELETE:
-- a new version of a document is a new document, a correction is a new record naming the old one,
-- and a determination, once made, stands.
CREATE FUNCTION dossier_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER documents_append_only BEFORE UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION dossier_refuse_change();
--> statement-breakpoint
CREATE TRIGGER decision_records_append_only BEFORE UPDATE OR DELETE ON decision_records
  FOR EACH ROW EXECUTE FUNCTION dossier_refuse_change();
--> statement-breakpoint
CREATE TRIGGER determinations_append_only BEFORE UPDATE OR DELETE ON determinations
  FOR EACH ROW EXECUTE FUNCTION dossier_refuse_change();
