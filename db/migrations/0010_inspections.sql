CREATE TYPE "public"."inspection_result" AS ENUM('ok', 'faulty', 'untestable', 'missing');--> statement-breakpoint
CREATE TABLE "hydrant_inspection_photos" (
	"id" serial PRIMARY KEY NOT NULL,
	"inspection_id" integer NOT NULL,
	"mime" text NOT NULL,
	"bytes" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hydrant_inspections" (
	"id" serial PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"hydrant_id" integer NOT NULL,
	"township_code" text,
	"inspected_on" date NOT NULL,
	"inspector" text NOT NULL,
	"result" "inspection_result" NOT NULL,
	"checks" jsonb NOT NULL,
	"note" text,
	"lon" double precision,
	"lat" double precision,
	"accuracy_m" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_intervals" (
	"adcode" text NOT NULL,
	"kind" "hydrant_kind" NOT NULL,
	"days" integer NOT NULL,
	CONSTRAINT "inspection_intervals_adcode_kind_pk" PRIMARY KEY("adcode","kind")
);
--> statement-breakpoint
ALTER TABLE "hydrant_inspection_photos" ADD CONSTRAINT "hydrant_inspection_photos_inspection_id_hydrant_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."hydrant_inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hydrant_inspections" ADD CONSTRAINT "hydrant_inspections_hydrant_id_hydrants_id_fk" FOREIGN KEY ("hydrant_id") REFERENCES "public"."hydrants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hydrant_inspection_photos_inspection" ON "hydrant_inspection_photos" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "hydrant_inspections_hydrant" ON "hydrant_inspections" USING btree ("hydrant_id","inspected_on");--> statement-breakpoint
CREATE INDEX "hydrant_inspections_township" ON "hydrant_inspections" USING btree ("township_code");