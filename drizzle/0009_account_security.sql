CREATE TABLE "account_security" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"platform" text NOT NULL,
	"handle" text NOT NULL,
	"owner" text,
	"posters" text[] NOT NULL,
	"two_factor" text NOT NULL,
	"recovery_contact" text,
	"recovery_verified_on" date,
	"access_reviewed_on" date,
	"connected_apps" text[] NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_security" ADD CONSTRAINT "account_security_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_security_org_account_idx" ON "account_security" USING btree ("org_id","platform","handle");