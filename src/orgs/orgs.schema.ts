import { z } from "zod";

/** Roles of a member in an organisation, from most to least rights. */
export const Role = z.enum(["admin", "manager", "agent", "trainer", "trainee", "viewer"]);
export type Role = z.infer<typeof Role>;

/** UI languages. */
export const Locale = z.enum(["de", "en"]);
export type Locale = z.infer<typeof Locale>;

/** Body of `POST /api/auth/login`. */
export const LoginBody = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1000),
});

/** `live`: a company's real workspace; `exercise`: the sandbox of a training team (docs/TRAINING.md). */
export const OrganisationKind = z.enum(["live", "exercise"]);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

/** A workspace (organisation) the person belongs to. */
export const WorkspaceRead = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  kind: OrganisationKind,
  role: Role,
});

/** The signed-in person, their current organisation and role. */
export const Session = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), locale: Locale.nullable() }),
  org: z.object({ id: z.string(), name: z.string(), slug: z.string(), kind: OrganisationKind }),
  role: Role,
  /** Send as `x-csrf-token` header on every cookie-authenticated write. */
  csrfToken: z.string(),
  /** Every workspace the person belongs to (the real one and exercise workspaces they joined). */
  workspaces: z.array(WorkspaceRead),
});
export type Session = z.infer<typeof Session>;

/** Body of `POST /api/auth/workspace`: switch the session to another workspace of the person. */
export const WorkspaceSwitch = z.object({ orgId: z.string().min(1).max(100) }).strict();

/** A member (user + role) as `POST /api/users` creates them in the current organisation. */
export const MemberCreate = z
  .object({
    email: z.email().max(320),
    name: z.string().trim().min(1).max(200),
    role: Role,
    /** At least 12 characters (NIST SP 800-63B recommends length over composition rules). */
    password: z.string().min(12).max(1000),
  })
  .strict();
export type MemberCreate = z.infer<typeof MemberCreate>;

/** Changes to a member. */
export const MemberUpdate = z
  .object({ role: Role.optional(), name: z.string().trim().min(1).max(200).optional() })
  .strict();
export type MemberUpdate = z.infer<typeof MemberUpdate>;

/** A member as the API returns it. */
export const MemberRead = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  createdAt: z.string(),
});
export type MemberRead = z.infer<typeof MemberRead>;

export const MemberList = z.object({ items: z.array(MemberRead) });

/** Body of `POST /api/tokens`: an API token for a machine client. */
export const TokenCreate = z.object({ name: z.string().trim().min(1).max(120) }).strict();

/** A token as listed; the secret is shown once, on creation only. */
export const TokenRead = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type TokenRead = z.infer<typeof TokenRead>;
/** A token just created, with its secret. */
export const TokenCreated = TokenRead.extend({ token: z.string() });
export type TokenCreated = z.infer<typeof TokenCreated>;
export const TokenList = z.object({ items: z.array(TokenRead) });
