import "./index.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app.tsx";
import { createAppRouter } from "./app/router.tsx";
import { i18nReady } from "./lib/i18n.ts";

const root = document.getElementById("root");
if (!root) throw new Error("index.html lacks #root");
// Made now, the router starts loading the page's code (and its loaders their data) while the texts load.
const router = createAppRouter();
const render = () =>
  createRoot(root).render(
    <StrictMode>
      <App router={router} />
    </StrictMode>,
  );
// The shared texts come first (a few kilobytes); if they fail to load, i18next shows keys rather than nothing.
void i18nReady.then(render, render);
