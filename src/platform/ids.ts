import { randomBytes, randomUUID } from "node:crypto";

/** Source of identifiers and secrets; passed in so tests can make them predictable. */
export interface Ids {
  /** A new row id. */
  id(): string;
  /** A URL-safe random secret of `bytes` bytes. */
  secret(bytes?: number): string;
}

/** Random UUIDs and secrets from the operating system's CSPRNG. */
export const randomIds: Ids = {
  id: () => randomUUID(),
  secret: (bytes = 32) => randomBytes(bytes).toString("base64url"),
};
