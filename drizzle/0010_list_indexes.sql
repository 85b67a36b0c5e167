DROP INDEX "alerts_org_created_idx";--> statement-breakpoint
DROP INDEX "alerts_org_dedup_idx";--> statement-breakpoint
DROP INDEX "audit_org_at_idx";--> statement-breakpoint
DROP INDEX "evidence_items_org_idx";--> statement-breakpoint
DROP INDEX "conversations_org_activity_idx";--> statement-breakpoint
DROP INDEX "incidents_org_idx";--> statement-breakpoint
DROP INDEX "assessments_priority_idx";--> statement-breakpoint
DROP INDEX "posts_org_posted_idx";--> statement-breakpoint
DROP INDEX "drafts_org_state_idx";--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "posted_at" timestamp with time zone;--> statement-breakpoint
UPDATE "assessments" SET "posted_at" = "posts"."posted_at" FROM "posts" WHERE "posts"."id" = "assessments"."post_id";--> statement-breakpoint
ALTER TABLE "assessments" ALTER COLUMN "posted_at" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "alerts_org_created_idx" ON "alerts" USING btree ("org_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "alerts_org_dedup_idx" ON "alerts" USING btree ("org_id","dedup_key","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "audit_org_at_idx" ON "audit_log" USING btree ("org_id","at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "evidence_items_org_idx" ON "evidence_items" USING btree ("org_id","captured_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_org_activity_idx" ON "conversations" USING btree ("org_id","last_activity_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "incidents_org_idx" ON "incidents" USING btree ("org_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "assessments_priority_idx" ON "assessments" USING btree ("org_id","engine","priority" DESC NULLS FIRST,"posted_at" DESC NULLS FIRST,"post_id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "posts_org_posted_idx" ON "posts" USING btree ("org_id","posted_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "drafts_org_state_idx" ON "drafts" USING btree ("org_id","state","updated_at" DESC NULLS FIRST);