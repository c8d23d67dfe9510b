-- Table versions (migration 0005) for the township work records and the notices: one statement
-- trigger per table, so caches keyed by them see every writer.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['patrols', 'trainings', 'village_visits', 'notices', 'notice_hazards']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION fireatlas_table_version()', t || '_table_version', t);
    EXECUTE format('INSERT INTO table_versions (table_name, version) VALUES (%L, 1) ON CONFLICT DO NOTHING', t);
  END LOOP;
END
$$;
