CREATE TABLE "training_events" (
	"id" text PRIMARY KEY NOT NULL,
	"exercise_id" text NOT NULL,
	"team_id" text,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"scenario_ms" bigint NOT NULL,
	"branch_id" text,
	"actor_user_id" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_exercises" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"scenario_id" text NOT NULL,
	"scenario_version" text NOT NULL,
	"scenario" jsonb NOT NULL,
	"lang" text NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"speed" real NOT NULL,
	"anchor_at" timestamp with time zone,
	"anchor_ms" bigint DEFAULT 0 NOT NULL,
	"generation" integer DEFAULT 0 NOT NULL,
	"join_code" text NOT NULL,
	"runner_id" text,
	"runner_until" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "training_participants" (
	"exercise_id" text NOT NULL,
	"user_id" text NOT NULL,
	"team_id" text NOT NULL,
	"role" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_participants_exercise_id_user_id_pk" PRIMARY KEY("exercise_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "training_results" (
	"exercise_id" text NOT NULL,
	"team_id" text NOT NULL,
	"score" real NOT NULL,
	"passed" boolean NOT NULL,
	"result" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_results_exercise_id_team_id_pk" PRIMARY KEY("exercise_id","team_id")
);
--> statement-breakpoint
CREATE TABLE "training_teams" (
	"id" text PRIMARY KEY NOT NULL,
	"exercise_id" text NOT NULL,
	"name" text NOT NULL,
	"workspace_id" text NOT NULL,
	"delivered_ms" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "kind" text DEFAULT 'live' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "parent_id" text;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "publishing_rules" ADD COLUMN "every_draft_needs_approval" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "training_events" ADD CONSTRAINT "training_events_exercise_id_training_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."training_exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_events" ADD CONSTRAINT "training_events_team_id_training_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."training_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_events" ADD CONSTRAINT "training_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_exercises" ADD CONSTRAINT "training_exercises_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_exercises" ADD CONSTRAINT "training_exercises_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_participants" ADD CONSTRAINT "training_participants_exercise_id_training_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."training_exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_participants" ADD CONSTRAINT "training_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_participants" ADD CONSTRAINT "training_participants_team_id_training_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."training_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_results" ADD CONSTRAINT "training_results_exercise_id_training_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."training_exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_results" ADD CONSTRAINT "training_results_team_id_training_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."training_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_teams" ADD CONSTRAINT "training_teams_exercise_id_training_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."training_exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_teams" ADD CONSTRAINT "training_teams_workspace_id_organisations_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_events_exercise_idx" ON "training_events" USING btree ("exercise_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "training_events_branch_idx" ON "training_events" USING btree ("exercise_id","team_id","branch_id");--> statement-breakpoint
CREATE INDEX "training_exercises_org_idx" ON "training_exercises" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "training_exercises_join_code_idx" ON "training_exercises" USING btree ("join_code");--> statement-breakpoint
CREATE INDEX "training_participants_user_idx" ON "training_participants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "training_teams_exercise_idx" ON "training_teams" USING btree ("exercise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_teams_workspace_idx" ON "training_teams" USING btree ("workspace_id");--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_parent_id_organisations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisations_parent_idx" ON "organisations" USING btree ("parent_id");