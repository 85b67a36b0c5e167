import type { Command } from "commander";
import { resolveOrganisation } from "../orgs/orgs.service.ts";
import type { Env } from "../platform/env.ts";
import type { Logger } from "../platform/logger.ts";
import { openRuntime } from "../platform/runtime.ts";
import { TopicCreate } from "../topics/topics.schema.ts";
import { createTopic, listTopics } from "../topics/topics.service.ts";
import { parseOrExit } from "./cli.input.ts";

/** `brandwache topic add|list`. */
export function registerTopicCommands(program: Command, boot: () => { env: Env; log: Logger }) {
  const topic = program
    .command("topic")
    .description("Manage tracked topics")
    .addHelpText("after", "\nExample:\n  $ brandwache topic list --json\n");
  topic
    .command("add")
    .description("Add a tracked topic with a Boolean query")
    .requiredOption("--name <name>", "short name")
    .requiredOption(
      "--query <query>",
      "Boolean query, e.g. '(acme OR \"acme gmbh\") AND (störung* OR ausfall) NOT lang:en'",
    )
    .option("--description <text>", "what the team watches it for")
    .option("--org <slug>", "organisation (may be left out when there is only one)")
    .addHelpText(
      "after",
      '\nExample:\n  $ brandwache topic add --name "Ausfall" --query \'nordwind AND (störung* OR ausfall OR "kein netz")\'\n',
    )
    .action(async (o: { name: string; query: string; description?: string; org?: string }) => {
      const input = parseOrExit(
        TopicCreate,
        { name: o.name, query: o.query, description: o.description },
        "topic add",
      );
      const { env, log } = boot();
      const runtime = await openRuntime(env, log, { pipeline: false });
      try {
        const org = await resolveOrganisation(runtime.ctx, o.org);
        const created = await createTopic(runtime.ctx, { orgId: org.id, system: true }, input);
        process.stdout.write(`Added topic "${created.name}" (${created.id}) to ${org.slug}.\n`);
      } finally {
        await runtime.close();
      }
    });
  topic
    .command("list")
    .description("List tracked topics")
    .option("--org <slug>", "organisation (may be left out when there is only one)")
    .option("--json", "print JSON instead of a table")
    .addHelpText("after", "\nExample:\n  $ brandwache topic list --json\n")
    .action(async (o: { org?: string; json?: boolean }) => {
      const { env, log } = boot();
      const runtime = await openRuntime(env, log, { pipeline: false });
      try {
        const org = await resolveOrganisation(runtime.ctx, o.org);
        const items = await listTopics(runtime.ctx, {
          orgId: org.id,
          role: "viewer",
          userId: null,
          tokenId: null,
        });
        if (o.json) process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
        else for (const t of items) process.stdout.write(`${t.id}  ${t.name}\n    ${t.query}\n`);
      } finally {
        await runtime.close();
      }
    });
}
