CREATE TABLE "road_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"source" text NOT NULL,
	"format" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"ways_read" integer NOT NULL,
	"edges" integer NOT NULL,
	"length_km" double precision NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "roads" ADD COLUMN "osm_id" bigint;