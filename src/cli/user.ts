import type { Command } from "commander";
import { MemberCreate, Role } from "../orgs/orgs.schema.ts";
import {
  addMember,
  createOrganisation,
  findOrganisationBySlug,
  resolveOrganisation,
} from "../orgs/orgs.service.ts";
import type { Env } from "../platform/env.ts";
import type { Logger } from "../platform/logger.ts";
import { openRuntime } from "../platform/runtime.ts";
import { parseOrExit, readStdin } from "./cli.input.ts";

/** `brandwache user add`. */
export function registerUserCommands(program: Command, boot: () => { env: Env; log: Logger }) {
  const user = program
    .command("user")
    .description("Manage people who can sign in")
    .addHelpText(
      "after",
      '\nExample:\n  $ brandwache user add --email anna@example.de --name "Anna Schmidt" --role manager --password-stdin\n',
    );
  user
    .command("add")
    .description("Add a member to an organisation (creates the user, and with --create-org the organisation)")
    .requiredOption("--email <email>", "e-mail address, used to sign in")
    .requiredOption("--name <name>", "display name")
    .option("--role <role>", `one of ${Role.options.join(", ")}`, "agent")
    .option("--password <password>", "password (at least 12 characters); prefer --password-stdin")
    .option("--password-stdin", "read the password from standard input")
    .option("--org <slug>", "organisation (may be left out when there is only one)")
    .option("--create-org <name>", "create the organisation --org with this name if it does not exist")
    .addHelpText(
      "after",
      '\nExample:\n  $ echo "correct horse battery" | brandwache user add --email anna@example.de --name "Anna Schmidt" --role manager --org acme --password-stdin\n',
    )
    .action(async (o: Record<string, string | boolean | undefined>) => {
      const password = o.passwordStdin ? (await readStdin()).trim() : o.password;
      const input = parseOrExit(
        MemberCreate,
        { email: o.email, name: o.name, role: o.role, password },
        "user add",
      );
      const { env, log } = boot();
      const runtime = await openRuntime(env, log, { pipeline: false });
      try {
        const ctx = runtime.ctx;
        const slug = typeof o.org === "string" ? o.org : undefined;
        let org = slug ? await findOrganisationBySlug(ctx, slug) : undefined;
        if (!org && slug && typeof o.createOrg === "string") {
          await createOrganisation(ctx, { name: o.createOrg, slug });
          org = await findOrganisationBySlug(ctx, slug);
        }
        org ??= await resolveOrganisation(ctx, slug);
        const member = await addMember(ctx, { orgId: org.id, system: true }, input);
        process.stdout.write(`Added ${member.email} as ${member.role} of ${org.name} (${org.slug}).\n`);
      } finally {
        await runtime.close();
      }
    });
}
