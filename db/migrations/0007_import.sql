CREATE TABLE "import_rows" (
	"import_id" integer NOT NULL,
	"table_name" text NOT NULL,
	"row_id" integer NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after_md5" text NOT NULL,
	CONSTRAINT "import_rows_import_id_table_name_row_id_pk" PRIMARY KEY("import_id","table_name","row_id")
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"adcode" text NOT NULL,
	"layer" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"format" text NOT NULL,
	"encoding" text,
	"crs_detected" text,
	"crs_chosen" text,
	"evidence" jsonb,
	"mapping" jsonb NOT NULL,
	"rows_read" integer NOT NULL,
	"rows_valid" integer NOT NULL,
	"rows_invalid" integer NOT NULL,
	"inserted" integer NOT NULL,
	"updated" integer NOT NULL,
	"unchanged" integer NOT NULL,
	"actor" text,
	"role" text,
	"township" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by" text
);
--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "imports_created" ON "imports" USING btree ("created_at");