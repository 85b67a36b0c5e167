CREATE TABLE "blocked_hosts" (
	"org_id" text NOT NULL,
	"host" text NOT NULL,
	"list" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "blocked_hosts_org_id_host_pk" PRIMARY KEY("org_id","host")
);
--> statement-breakpoint
CREATE TABLE "risk_profiles" (
	"org_id" text PRIMARY KEY NOT NULL,
	"profile" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "flags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "blocked_hosts" ADD CONSTRAINT "blocked_hosts_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_profiles" ADD CONSTRAINT "risk_profiles_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "blocked_hosts_list_idx" ON "blocked_hosts" USING btree ("org_id","list");--> statement-breakpoint
CREATE INDEX "assessments_flags_idx" ON "assessments" USING gin ("flags");--> statement-breakpoint
CREATE INDEX "assessments_priority_idx" ON "assessments" USING btree ("org_id","priority" DESC NULLS LAST);