CREATE TABLE "post_deletions" (
	"org_id" text NOT NULL,
	"platform" text NOT NULL,
	"external_id" text NOT NULL,
	"deleted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "post_deletions_org_id_platform_external_id_pk" PRIMARY KEY("org_id","platform","external_id")
);
--> statement-breakpoint
CREATE TABLE "post_revisions" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"post_id" text NOT NULL,
	"text" text NOT NULL,
	"lang" text NOT NULL,
	"written_at" timestamp with time zone NOT NULL,
	"raw" jsonb,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "post_deletions" ADD CONSTRAINT "post_deletions_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_revisions" ADD CONSTRAINT "post_revisions_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_revisions" ADD CONSTRAINT "post_revisions_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "post_revisions_post_written_idx" ON "post_revisions" USING btree ("post_id","written_at");--> statement-breakpoint
CREATE INDEX "assessments_org_assessed_idx" ON "assessments" USING btree ("org_id","engine","assessed_at","post_id");