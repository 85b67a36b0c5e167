import { z } from "zod";

/** SEV1 is the worst: business at risk; SEV4 is a minor matter handled in the normal flow. */
export const Severity = z.enum(["sev1", "sev2", "sev3", "sev4"]);
export type Severity = z.infer<typeof Severity>;

/** Lifecycle of an incident. */
export const IncidentStatus = z.enum(["active", "stable", "closed"]);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** An incident opened by hand. */
export const IncidentCreate = z
  .object({
    /** What happened, in a line. */
    title: z.string().trim().min(1).max(300),
    /** How bad it is. */
    severity: Severity,
    /** What is known so far. */
    description: z.string().max(10_000).optional(),
  })
  .strict();
export type IncidentCreate = z.infer<typeof IncidentCreate>;

/** Changes to an incident. */
export const IncidentUpdate = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    severity: Severity.optional(),
    status: IncidentStatus.optional(),
    description: z.string().max(10_000).optional(),
  })
  .strict();
export type IncidentUpdate = z.infer<typeof IncidentUpdate>;

/** An incident as the API returns it. */
export const IncidentRead = z.object({
  id: z.string(),
  title: z.string(),
  severity: Severity,
  status: IncidentStatus,
  description: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IncidentRead = z.infer<typeof IncidentRead>;

export const IncidentList = z.object({ items: z.array(IncidentRead) });
