import type { Bus } from "./bus/bus.ts";
import type { Clock } from "./clock.ts";
import type { SecretBox } from "./crypto/secrets.ts";
import type { Db } from "./db/client.ts";
import type { Ids } from "./ids.ts";
import type { Logger } from "./logger.ts";

/** What every service needs from the outside world, passed in so tests control it. */
export interface AppContext {
  db: Db;
  bus: Bus;
  clock: Clock;
  ids: Ids;
  /** The root logger; each area logs through `categoryLogger(log, area)`. */
  log: Logger;
  /** Seals secrets at rest (connector credentials) with the installation's key. */
  secrets: SecretBox;
}
