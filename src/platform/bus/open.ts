import type { Logger } from "../logger.ts";
import type { Bus } from "./bus.ts";
import { MemoryBus } from "./memory.ts";
import { NatsBus } from "./nats.ts";

/** Opens the bus BRANDWACHE_BUS names: `memory` or a NATS URL. */
export async function openBus(spec: string, log: Logger): Promise<Bus> {
  return spec === "memory" ? new MemoryBus(log) : NatsBus.connect(spec, log);
}
