CREATE TYPE "public"."unit_duty_status" AS ENUM('available', 'on_call', 'returning', 'maintenance', 'training', 'off_duty');--> statement-breakpoint
CREATE TABLE "unit_duty" (
	"unit_id" integer PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"status" "unit_duty_status" NOT NULL,
	"note" text,
	"set_by" text NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "unit_duty" ADD CONSTRAINT "unit_duty_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unit_duty_status" ON "unit_duty" USING btree ("status");