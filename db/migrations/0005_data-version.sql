CREATE TABLE "table_versions" (
	"table_name" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hydrants" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "townships" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "villages" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Row versions: every UPDATE of a versioned row adds one, whoever writes it (If-Match on edits).
CREATE FUNCTION fireatlas_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER townships_row_version BEFORE UPDATE ON townships FOR EACH ROW EXECUTE FUNCTION fireatlas_row_version();--> statement-breakpoint
CREATE TRIGGER villages_row_version BEFORE UPDATE ON villages FOR EACH ROW EXECUTE FUNCTION fireatlas_row_version();--> statement-breakpoint
CREATE TRIGGER units_row_version BEFORE UPDATE ON units FOR EACH ROW EXECUTE FUNCTION fireatlas_row_version();--> statement-breakpoint
CREATE TRIGGER hydrants_row_version BEFORE UPDATE ON hydrants FOR EACH ROW EXECUTE FUNCTION fireatlas_row_version();--> statement-breakpoint
CREATE TRIGGER sites_row_version BEFORE UPDATE ON sites FOR EACH ROW EXECUTE FUNCTION fireatlas_row_version();--> statement-breakpoint
-- Table versions: one statement trigger per domain table. SECURITY DEFINER so that another
-- client's role (a QGIS user editing hydrants) bumps the version without rights on the table.
CREATE FUNCTION fireatlas_table_version() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO table_versions (table_name, version) VALUES (TG_TABLE_NAME, 1)
    ON CONFLICT (table_name) DO UPDATE SET version = table_versions.version + 1, changed_at = now();
  RETURN NULL;
END
$$;--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['datasets', 'counties', 'townships', 'villages', 'road_classes', 'roads', 'road_imports',
    'parks', 'pois', 'units', 'hydrants', 'sites', 'hazards', 'hazard_transitions', 'enforcement_actions', 'scenarios']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION fireatlas_table_version()', t || '_table_version', t);
    EXECUTE format('INSERT INTO table_versions (table_name, version) VALUES (%L, 1) ON CONFLICT DO NOTHING', t);
  END LOOP;
END
$$;
