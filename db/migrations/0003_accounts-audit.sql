CREATE TYPE "public"."user_role" AS ENUM('admin', 'auditor', 'brigade', 'township', 'viewer');--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text,
	"role" text,
	"township" text,
	"client_address" text,
	"action" text NOT NULL,
	"table_name" text,
	"row_id" text,
	"before" jsonb,
	"after" jsonb,
	"ok" boolean NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "data_versions" (
	"adcode" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"client_address" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text,
	"role" "user_role" NOT NULL,
	"township_code" text,
	"password_hash" text NOT NULL,
	"password_history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"must_change_password" boolean DEFAULT true NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_at" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_actor" ON "audit_log" USING btree ("actor","at");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
-- Hand-written (drizzle-kit does not model these): a township user names its township; others none.
-- No foreign key to townships: reseeding the county (TRUNCATE … CASCADE) must not empty the accounts;
-- the service checks that the township exists.
ALTER TABLE "users" ADD CONSTRAINT "users_township_for_role" CHECK (("role" = 'township') = ("township_code" IS NOT NULL));--> statement-breakpoint
-- The audit log is append-only (GB/T 22239-2019 audit records protected against change or deletion).
-- The one exception: `npm run audit-archive` sets fireatlas.audit_archive = 'on' in its own
-- transaction and may then delete rows older than the retention period (180 days, 网络安全法 §21).
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND coalesce(current_setting('fireatlas.audit_archive', true), '') = 'on'
     AND OLD."at" < now() - interval '180 days' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();--> statement-breakpoint
-- Also by privileges where the engine has them: nobody but the owner may change rows, and the
-- owner (the app's role) gives up UPDATE and TRUNCATE on it.
REVOKE UPDATE, TRUNCATE ON "audit_log" FROM PUBLIC;--> statement-breakpoint
REVOKE UPDATE, TRUNCATE ON "audit_log" FROM CURRENT_USER;
