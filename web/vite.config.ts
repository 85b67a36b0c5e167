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
    // The largest chunk is ECharts (~570 kB, ~195 kB gzip), loaded lazily with the Overview only.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // React and the router change less often than the app and are needed by every page: a chunk of their own
        // stays cached across releases and keeps the entry chunk under the warning limit. Mantine is left to the
        // automatic split, which keeps components that only lazy pages use out of the first paint.
        codeSplitting: {
          groups: [{ name: "react", test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ }],
        },
      },
    },
  },
  server: {
    proxy: {
      // The API and the SSE stream live on the server; proxying keeps the session cookie same-origin.
      "/api": { target: server, changeOrigin: false },
      "/healthz": { target: server, changeOrigin: false },
    },
  },
});
