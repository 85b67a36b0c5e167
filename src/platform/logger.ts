import pino, { type Logger } from "pino";

/** Areas of the code base; each logs under its own category so operators can filter. */
export type LogCategory =
  | "http"
  | "db"
  | "bus"
  | "pipeline"
  | "demo"
  | "cli"
  | "auth"
  | "import"
  | "alerts"
  | "connectors"
  | "inbox"
  | "publishing"
  | "incidents"
  | "evidence"
  | "training";

export type { Logger };

/** The root JSON logger; `child({ category })` gives an area its own. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: "brandwache" } }, destination);
}

/** A child logger for one area. */
export function categoryLogger(root: Logger, category: LogCategory): Logger {
  return root.child({ category });
}
