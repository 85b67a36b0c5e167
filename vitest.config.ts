import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "src/**/*.test.ts",
      "test/integration/**/*.test.ts",
      "scripts/**/*.test.ts",
      "web/src/**/*.test.ts",
    ],
    environment: "node",
    // Generous: PGlite start-up and argon2 take seconds on a busy 2-core CI machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // PGlite instances are heavy (WASM); two workers match the two cores of the CI machine.
    maxWorkers: 2,
  },
});
