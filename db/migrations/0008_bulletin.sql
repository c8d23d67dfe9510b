CREATE TYPE "public"."hazard_source" AS ENUM('township_patrol', 'brigade_inspection', 'other');--> statement-breakpoint
CREATE TYPE "public"."training_kind" AS ENUM('training', 'drill', 'publicity', 'banner', 'leaflet');--> statement-breakpoint
CREATE TYPE "public"."notice_kind" AS ENUM('supervision', 'reminder', 'warning_guide', 'case_warning');--> statement-breakpoint
CREATE TABLE "patrols" (
	"id" serial PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"township_code" text NOT NULL,
	"site_id" integer,
	"address" text,
	"geom" geometry(Point,4326),
	"patrolled_on" date NOT NULL,
	"patroller" text NOT NULL,
	"hazards_found" integer DEFAULT 0 NOT NULL,
	"note" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patrols_place" CHECK ("patrols"."site_id" IS NOT NULL OR ("patrols"."address" IS NOT NULL AND "patrols"."geom" IS NOT NULL)),
	CONSTRAINT "patrols_hazards_found" CHECK ("patrols"."hazards_found" >= 0)
);
--> statement-breakpoint
CREATE TABLE "trainings" (
	"id" serial PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"township_code" text NOT NULL,
	"held_on" date NOT NULL,
	"kind" "training_kind" NOT NULL,
	"place" text NOT NULL,
	"quantity" integer NOT NULL,
	"note" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trainings_quantity" CHECK ("trainings"."quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "village_visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"township_code" text NOT NULL,
	"village_code" text NOT NULL,
	"visited_on" date NOT NULL,
	"topic" text NOT NULL,
	"note" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notice_hazards" (
	"notice_id" integer NOT NULL,
	"hazard_id" integer NOT NULL,
	CONSTRAINT "notice_hazards_notice_id_hazard_id_pk" PRIMARY KEY("notice_id","hazard_id")
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" serial PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"kind" "notice_kind" NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"issued_on" date NOT NULL,
	"township_code" text,
	"reply_by" date,
	"body" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hazards" ADD COLUMN "source" "hazard_source" DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE "patrols" ADD CONSTRAINT "patrols_township_code_townships_code_fk" FOREIGN KEY ("township_code") REFERENCES "public"."townships"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrols" ADD CONSTRAINT "patrols_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_township_code_townships_code_fk" FOREIGN KEY ("township_code") REFERENCES "public"."townships"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "village_visits" ADD CONSTRAINT "village_visits_township_code_townships_code_fk" FOREIGN KEY ("township_code") REFERENCES "public"."townships"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "village_visits" ADD CONSTRAINT "village_visits_village_code_villages_code_fk" FOREIGN KEY ("village_code") REFERENCES "public"."villages"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_hazards" ADD CONSTRAINT "notice_hazards_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_hazards" ADD CONSTRAINT "notice_hazards_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_township_code_townships_code_fk" FOREIGN KEY ("township_code") REFERENCES "public"."townships"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patrols_township_date" ON "patrols" USING btree ("township_code","patrolled_on");--> statement-breakpoint
CREATE INDEX "patrols_site" ON "patrols" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "trainings_township_date" ON "trainings" USING btree ("township_code","held_on");--> statement-breakpoint
CREATE INDEX "village_visits_township_date" ON "village_visits" USING btree ("township_code","visited_on");--> statement-breakpoint
CREATE INDEX "notice_hazards_hazard" ON "notice_hazards" USING btree ("hazard_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notices_number" ON "notices" USING btree ("adcode","number");--> statement-breakpoint
CREATE INDEX "notices_issued" ON "notices" USING btree ("adcode","issued_on");--> statement-breakpoint
CREATE INDEX "notices_township" ON "notices" USING btree ("township_code");