import type { Command } from "commander";
import type { Env } from "../platform/env.ts";
import { buildApp } from "../platform/http/app.ts";
import { categoryLogger, type Logger } from "../platform/logger.ts";
import { openRuntime } from "../platform/runtime.ts";
import { closeAllPostStreams } from "../posts/posts.stream.ts";
import { type DemoWorkspace, seedDemoWorkspace, startDemoStream } from "../scenarios/scenarios.service.ts";
import { seedDemoExercise } from "../training/training.demo.ts";

/** `brandwache serve`: API, web app and (unless --no-pipeline) the pipeline in one process. */
export function registerServe(program: Command, boot: () => { env: Env; log: Logger }) {
  program
    .command("serve")
    .description("Serve the API and the web app; runs the pipeline in the same process unless --no-pipeline")
    .option("-p, --port <port>", "port to listen on (default: PORT or 3000)")
    .option("--demo", "seed the demo organisation and play the demo stream (also BRANDWACHE_DEMO=true)")
    .option("--no-pipeline", "do not run pipeline stages here (run `brandwache worker` processes instead)")
    .addHelpText("after", "\nExample:\n  $ PORT=8080 brandwache serve --demo\n")
    .action(async (options: { port?: string; demo?: boolean; pipeline: boolean }) => {
      const { env, log } = boot();
      const runtime = await openRuntime(env, log, { pipeline: options.pipeline });
      const app = await buildApp({
        ctx: runtime.ctx,
        env,
        metrics: runtime.metrics,
        risk: runtime.risk,
        escalation: runtime.escalation,
        alerting: runtime.alerting,
        connectorPolicy: runtime.connectorPolicy,
      });
      let demo: DemoWorkspace | null = null;
      let stopDemo: (() => Promise<void>) | null = null;
      if (options.demo || env.BRANDWACHE_DEMO) {
        demo = await seedDemoWorkspace(runtime.ctx);
        await seedDemoExercise(runtime.ctx, demo);
        stopDemo = await startDemoStream(runtime.ctx, demo, runtime.metrics);
      }
      const port = options.port ? Number(options.port) : env.PORT;
      await app.listen({ port, host: env.HOST });
      const url = `http://localhost:${(app.server.address() as { port: number }).port}`;
      // The one place the product talks to a person on the terminal: where to go and how to get in.
      process.stdout.write(`\nBrandwache is running at ${url}\n`);
      if (demo) process.stdout.write(`Demo login: ${demo.email} / ${demo.password}\n`);
      process.stdout.write(`API docs: ${url}/api/docs\n\n`);

      let stopping = false;
      const shutdown = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        const shutdownLog = categoryLogger(log, "http");
        shutdownLog.info({ signal }, "shutting down: finishing in-flight writes");
        const force = setTimeout(() => process.exit(1), 15_000);
        force.unref();
        await stopDemo?.();
        closeAllPostStreams();
        await app.close();
        await runtime.close();
        shutdownLog.info("stopped");
        process.exit(0);
      };
      process.once("SIGINT", () => void shutdown("SIGINT"));
      process.once("SIGTERM", () => void shutdown("SIGTERM"));
    });
}
