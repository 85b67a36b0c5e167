import "@mantine/core/styles.css";
import "./app/app.css";
import "./app/i18n.ts";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { z } from "zod";
import { App } from "./app/App.tsx";

// zod compiles object parsers with `new Function` where it may, and probes for that on the first parse. The
// page's Content-Security-Policy forbids eval, so the probe logged a CSP violation on every page; parse without.
z.config({ jitless: true });

const root = document.getElementById("root");
if (!root) throw new Error("index.html lacks #root");

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
