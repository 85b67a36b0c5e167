import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const server = "http://localhost:3000";

/** Builds the single-page app into web/dist, which `brandwache serve` hands out for every non-/api path. */
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    // The largest chunk is ECharts (~510 kB, ~175 kB gzip), loaded lazily with the Overview only.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      // The API and the SSE stream live on the server; proxying keeps the session cookie same-origin.
      "/api": { target: server, changeOrigin: false },
      "/healthz": { target: server, changeOrigin: false },
    },
  },
});
