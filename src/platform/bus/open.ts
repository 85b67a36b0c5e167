import type { Logger } from "../logger.ts";
import type { Bus } from "./bus.ts";
import { MemoryBus } from "./memory.ts";
import { NatsBus } from "./nats.ts";

/**
 * Opens the bus BRANDWACHE_BUS names: `memory` or a NATS URL. A namespace (BRANDWACHE_NATS_NAMESPACE) gives
 * the installation its own stream (`BRANDWACHE_<NS>`) and subjects (`<ns>.posts.*`) on a shared NATS server.
 */
export async function openBus(spec: string, log: Logger, namespace?: string): Promise<Bus> {
  if (spec === "memory") return new MemoryBus(log);
  return NatsBus.connect(
    spec,
    log,
    namespace ? { stream: `BRANDWACHE_${namespace.toUpperCase()}`, subjectPrefix: `${namespace}.` } : {},
  );
}
