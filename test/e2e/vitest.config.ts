import { defineConfig } from "vitest/config";

// End-to-end tests start the real server and drive Debian's Chromium; run after `npm run build`.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
