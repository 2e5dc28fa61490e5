import "./index.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app.tsx";
import { i18nReady } from "./lib/i18n.ts";

const root = document.getElementById("root");
if (!root) throw new Error("index.html lacks #root");
const render = () =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
// The shared texts come first (a few kilobytes); if they fail to load, i18next shows keys rather than nothing.
void i18nReady.then(render, render);
