CREATE TYPE "public"."enforcement_kind" AS ENUM('fine', 'seal', 'three_stops', 'detention');--> statement-breakpoint
CREATE TYPE "public"."hazard_category" AS ENUM('evacuation', 'electrical', 'fire_equipment', 'fire_separation', 'flammable_material', 'illegal_accommodation', 'other');--> statement-breakpoint
CREATE TYPE "public"."hazard_severity" AS ENUM('general', 'major');--> statement-breakpoint
CREATE TYPE "public"."hazard_status" AS ENUM('open', 'rectifying', 'rectified', 'verified', 'reopened');--> statement-breakpoint
CREATE TYPE "public"."hydrant_kind" AS ENUM('municipal', 'site', 'water_crane', 'natural');--> statement-breakpoint
CREATE TYPE "public"."hydrant_status" AS ENUM('ok', 'faulty', 'out_of_service', 'planned');--> statement-breakpoint
CREATE TYPE "public"."road_source" AS ENUM('osm', 'synthetic', 'import');--> statement-breakpoint
CREATE TYPE "public"."site_category" AS ENUM('high_rise', 'hazmat', 'labour_intensive', 'medical', 'nine_small', 'crowded', 'other');--> statement-breakpoint
CREATE TYPE "public"."unit_kind" AS ENUM('station', 'township_team', 'micro_station');--> statement-breakpoint
CREATE TYPE "public"."unit_status" AS ENUM('in_service', 'built', 'planned', 'closed');--> statement-breakpoint
CREATE TABLE "counties" (
	"adcode" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"focus" boolean NOT NULL,
	"center" geometry(Point,4326) NOT NULL,
	"geom" geometry(MultiPolygon,4326) NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "datasets" (
	"adcode" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"synthetic" boolean NOT NULL,
	"seed" integer,
	"as_of" date NOT NULL,
	"note" text NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enforcement_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"site_id" integer NOT NULL,
	"township_code" text NOT NULL,
	"kind" "enforcement_kind" NOT NULL,
	"fine_yuan" integer,
	"decided_on" date NOT NULL,
	"note" text,
	"synthetic" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazard_transitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"hazard_id" integer NOT NULL,
	"from_status" "hazard_status",
	"to_status" "hazard_status" NOT NULL,
	"on" date NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "hazards" (
	"id" serial PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"site_id" integer NOT NULL,
	"township_code" text NOT NULL,
	"category" "hazard_category" NOT NULL,
	"severity" "hazard_severity" NOT NULL,
	"status" "hazard_status" NOT NULL,
	"description" text,
	"found_on" date NOT NULL,
	"deadline" date NOT NULL,
	"rectified_on" date,
	"verified_on" date,
	"predecessor_id" integer,
	"synthetic" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hydrants" (
	"id" serial PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"township_code" text,
	"code" text NOT NULL,
	"kind" "hydrant_kind" NOT NULL,
	"status" "hydrant_status" NOT NULL,
	"flow_lps" real,
	"pressure_mpa" real,
	"installed_on" date,
	"last_inspected_on" date,
	"road_name" text,
	"synthetic" boolean NOT NULL,
	"geom" geometry(Point,4326) NOT NULL,
	CONSTRAINT "hydrants_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "parks" (
	"id" serial PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"name" text,
	"geom" geometry(MultiPolygon,4326) NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pois" (
	"id" serial PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"name" text,
	"category" text NOT NULL,
	"geom" geometry(Point,4326) NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "road_classes" (
	"class" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"speed_kmh" real NOT NULL,
	"rank" smallint NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roads" (
	"id" serial PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"class" text NOT NULL,
	"name" text,
	"oneway" boolean DEFAULT false NOT NULL,
	"source" "road_source" NOT NULL,
	"osm_highway" text,
	"length_m" double precision NOT NULL,
	"geom" geometry(LineString,4326) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scenarios" (
	"id" serial PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"changes" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" serial PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"township_code" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"category" "site_category" NOT NULL,
	"risk_level" smallint NOT NULL,
	"address" text,
	"floors" smallint,
	"height_m" real,
	"synthetic" boolean NOT NULL,
	"geom" geometry(Point,4326) NOT NULL,
	CONSTRAINT "sites_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "townships" (
	"code" text PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"seat" geometry(Point,4326) NOT NULL,
	"geom" geometry(MultiPolygon,4326) NOT NULL,
	"area_km2" double precision NOT NULL,
	"synthetic" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" serial PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"township_code" text,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "unit_kind" NOT NULL,
	"grade" text,
	"status" "unit_status" NOT NULL,
	"staff" integer NOT NULL,
	"vehicles" integer NOT NULL,
	"equipment" jsonb NOT NULL,
	"turnout_s" integer NOT NULL,
	"address" text,
	"synthetic" boolean NOT NULL,
	"geom" geometry(Point,4326) NOT NULL,
	CONSTRAINT "units_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "villages" (
	"code" text PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"township_code" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"geom" geometry(Point,4326) NOT NULL,
	"synthetic" boolean NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enforcement_actions" ADD CONSTRAINT "enforcement_actions_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_actions" ADD CONSTRAINT "enforcement_actions_township_code_townships_code_fk" FOREIGN KEY ("township_code") REFERENCES "public"."townships"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_transitions" ADD CONSTRAINT "hazard_transitions_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazards" ADD CONSTRAINT "hazards_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazards" ADD CONSTRAINT "hazards_township_code_townships_code_fk" FOREIGN KEY ("township_code") REFERENCES "public"."townships"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydrants" ADD CONSTRAINT "hydrants_township_code_townships_code_fk" FOREIGN KEY ("township_code") REFERENCES "public"."townships"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roads" ADD CONSTRAINT "roads_class_road_classes_class_fk" FOREIGN KEY ("class") REFERENCES "public"."road_classes"("class") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_township_code_townships_code_fk" FOREIGN KEY ("township_code") REFERENCES "public"."townships"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_township_code_townships_code_fk" FOREIGN KEY ("township_code") REFERENCES "public"."townships"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "villages" ADD CONSTRAINT "villages_township_code_townships_code_fk" FOREIGN KEY ("township_code") REFERENCES "public"."townships"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "counties_geom_gist" ON "counties" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "enforcement_township_date" ON "enforcement_actions" USING btree ("township_code","decided_on");--> statement-breakpoint
CREATE INDEX "hazard_transitions_hazard" ON "hazard_transitions" USING btree ("hazard_id");--> statement-breakpoint
CREATE INDEX "hazards_site" ON "hazards" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "hazards_township_found" ON "hazards" USING btree ("township_code","found_on");--> statement-breakpoint
CREATE INDEX "hazards_status" ON "hazards" USING btree ("status");--> statement-breakpoint
CREATE INDEX "hazards_predecessor" ON "hazards" USING btree ("predecessor_id");--> statement-breakpoint
CREATE INDEX "hydrants_geom_gist" ON "hydrants" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "hydrants_geog_gist" ON "hydrants" USING gist (("geom"::geography));--> statement-breakpoint
CREATE INDEX "hydrants_township" ON "hydrants" USING btree ("township_code");--> statement-breakpoint
CREATE INDEX "roads_geom_gist" ON "roads" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "roads_adcode" ON "roads" USING btree ("adcode");--> statement-breakpoint
CREATE INDEX "sites_geom_gist" ON "sites" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "sites_geog_gist" ON "sites" USING gist (("geom"::geography));--> statement-breakpoint
CREATE INDEX "sites_township" ON "sites" USING btree ("township_code");--> statement-breakpoint
CREATE INDEX "sites_category" ON "sites" USING btree ("category");--> statement-breakpoint
CREATE INDEX "townships_geom_gist" ON "townships" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "townships_adcode" ON "townships" USING btree ("adcode");--> statement-breakpoint
CREATE INDEX "units_geom_gist" ON "units" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "units_township" ON "units" USING btree ("township_code");--> statement-breakpoint
CREATE INDEX "villages_geom_gist" ON "villages" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "villages_township" ON "villages" USING btree ("township_code");