/**
 * The web app's weight and speed, measured in Debian's Chromium against a throwaway seeded stack:
 *
 * 1. JavaScript each route loads when opened directly (gzipped, what a browser downloads), next
 *    to the smallest route (sign-in) as the baseline. Target (issue 6): the initial route under
 *    250 KB gzipped.
 * 2. Time to interactive of the entity grid with 10,000 rows: from navigation start until the
 *    grid's first rows are on screen (`data-ready="true"`) and the main thread is free again,
 *    next to the same grid over a 10-row blueprint measured in the same run. Target: under 1.5 s.
 *
 *   npm run bench:web [-- --runs 5]
 *
 * BENCH_WEB_FILES=1 lists each route's script files; BENCH_WEB_TRACE=1 prints each grid load's
 * request waterfall.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import type { WebSocketLikeConstructor } from "@supabase/realtime-js";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import WebSocket from "ws";
import { CHROMIUM_ARGS, CHROMIUM_PATH, serveApp } from "../web/e2e/run.ts";
import { log } from "./lib/api.ts";
import { withBenchStack } from "./lib/bench-stack.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Math.max(1, Number(values.runs));
const DEMO = { email: "demo@flexoffice.local", password: "flexoffice-demo" };
const GRID_ROWS = 10_000;
const KB = 1024;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

async function rpc<T>(client: SupabaseClient, name: string, args: Record<string, unknown>): Promise<T> {
  const { data, error } = await client.rpc(name, args);
  if (error) throw new Error(`${name}: ${error.message}`);
  return data as T;
}

/** A workspace with two blueprints of the same shape: one with 10,000 rows, one with 10. */
async function seedGrids(client: SupabaseClient): Promise<{ slug: string; big: string; small: string }> {
  const slug = `bench-web-${Date.now().toString(36)}`;
  const tenant = await rpc<{ id: string }>(client, "create_tenant", { p_name: "Bench web", p_slug: slug });
  const fields = [
    { key: "title", label: "Title", type: "text", required: true },
    { key: "customer", label: "Customer", type: "text" },
    { key: "amount", label: "Amount", type: "number", scale: 2 },
    { key: "quantity", label: "Quantity", type: "integer" },
    {
      key: "stage",
      label: "Stage",
      type: "single_select",
      options: ["lead", "offer", "won", "lost"].map((value) => ({ value, label: value })),
    },
    { key: "due_on", label: "Due on", type: "date" },
    { key: "paid", label: "Paid", type: "boolean" },
    { key: "contact", label: "Contact", type: "email" },
  ];
  for (const [key, rows] of [
    ["orders", GRID_ROWS],
    ["samples", 10],
  ] as const) {
    const blueprint = await rpc<{ id: string }>(client, "create_blueprint", {
      p_tenant_id: tenant.id,
      p_name: key === "orders" ? "Orders" : "Samples",
      p_key: key,
      p_fields: fields,
    });
    for (let start = 0; start < rows; start += 250) {
      const batch = Array.from({ length: Math.min(250, rows - start) }, (_, i) => {
        const n = start + i;
        return {
          title: `Order ${n + 1}`,
          customer: `Customer ${(n * 7) % 500}`,
          amount: ((n * 37) % 100_000) / 100,
          quantity: (n * 13) % 90,
          stage: ["lead", "offer", "won", "lost"][n % 4],
          due_on: `2026-${String(1 + (n % 12)).padStart(2, "0")}-${String(1 + (n % 28)).padStart(2, "0")}`,
          paid: n % 3 === 0,
          contact: `buyer${n % 800}@example.test`,
        };
      });
      await rpc(client, "create_entities", { p_blueprint_id: blueprint.id, p_rows: batch });
    }
  }
  return { slug, big: "orders", small: "samples" };
}

async function signedInContext(baseUrl: string): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "flexoffice-bench-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/t/"));
  await page.close();
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Every script a fresh load of `path` fetches, gzipped: the download cost of opening that route. */
async function routeScripts(context: BrowserContext, url: string, ready: (page: Page) => Promise<void>) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const scripts = new Map<string, Promise<number>>();
  const verbose = process.env.BENCH_WEB_FILES === "1";
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    scripts.set(
      response.url(),
      response.body().then(
        (body) => gzipSync(body).length,
        () => 0,
      ),
    );
  });
  await page.goto(url);
  await ready(page);
  await page.waitForLoadState("networkidle");
  const sizes = await Promise.all(scripts.values());
  if (verbose) {
    const named = [...scripts.keys()].map((name, i) => [sizes[i] ?? 0, name.split("/").pop()] as const);
    for (const [size, name] of named.sort((a, b) => b[0] - a[0])) log(`    ${(size / KB).toFixed(1).padStart(6)} KB  ${name}`);
  }
  await page.close();
  return { files: sizes.length, gzipped: sizes.reduce((a, b) => a + b, 0) };
}

/** Navigation start → grid rows on screen and the main thread free to answer input. */
async function gridInteractive(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('[data-ready="true"]').first().waitFor({ timeout: 60_000 });
  const ms = await page.evaluate(
    () => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now())))),
  );
  if (process.env.BENCH_WEB_TRACE === "1") await logWaterfall(page, ms);
  await page.close();
  return ms;
}

/** `BENCH_WEB_TRACE=1`: what the page fetched and when (ms after navigation start), to see the waterfall. */
async function logWaterfall(page: Page, interactive: number) {
  const entries = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    return {
      domContentLoaded: nav?.domContentLoadedEventEnd ?? 0,
      resources: resources.map((r) => ({ name: r.name, start: r.startTime, end: r.responseEnd, type: r.initiatorType })),
    };
  });
  log(`  waterfall (interactive at ${interactive.toFixed(0)} ms, DOMContentLoaded ${entries.domContentLoaded.toFixed(0)} ms):`);
  for (const r of entries.resources) {
    const url = new URL(r.name);
    const name = `${url.pathname.split("/").slice(-2).join("/")}${url.search}`.slice(0, 90);
    log(`    ${r.start.toFixed(0).padStart(5)} → ${r.end.toFixed(0).padStart(5)}  ${r.type.padEnd(6)} ${name}`);
  }
}

await withBenchStack({ label: "web", wrk: false }, async ({ state }) => {
  const client = createClient(state.API_URL, state.ANON_KEY, {
    auth: { persistSession: false },
    realtime: { transport: WebSocket as unknown as WebSocketLikeConstructor },
  });
  const { error } = await client.auth.signInWithPassword(DEMO);
  if (error) throw new Error(`demo sign-in: ${error.message}`);
  const started = performance.now();
  const grids = await seedGrids(client);
  log(`seeded ${GRID_ROWS} + 10 rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const app = await serveApp({
    supabaseUrl: state.API_URL,
    anonKey: state.ANON_KEY,
    serviceRoleKey: "",
    inboxUrl: state.INBOX_URL,
  });
  const session = await signedInContext(app.url);
  try {
    const heading = (page: Page) => page.getByRole("heading", { level: 1 }).first().waitFor();
    const grid = (page: Page) => page.locator('[data-ready="true"]').first().waitFor({ timeout: 60_000 });
    const routes: [string, string, (page: Page) => Promise<void>][] = [
      ["sign-in (baseline, signed out)", "/sign-in", heading],
      ["workspace overview", `/t/${grids.slug}`, heading],
      ["entity grid (10,000 rows)", `/t/${grids.slug}/records/${grids.big}`, grid],
      ["account", "/account", heading],
    ];
    const signedOut = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    const rows: string[][] = [];
    let baseline = 0;
    for (const [label, path, ready] of routes) {
      const context = path === "/sign-in" ? await signedOut.newContext() : session.context;
      const measured = await routeScripts(context, `${app.url}${path}`, ready);
      if (path === "/sign-in") {
        baseline = measured.gzipped;
        await context.close();
      }
      rows.push([
        label,
        String(measured.files),
        `${(measured.gzipped / KB).toFixed(1)} KB`,
        `${(measured.gzipped / baseline).toFixed(2)}x`,
      ]);
    }
    await signedOut.close();
    log("\nJavaScript per route, opened directly (gzipped):");
    for (const [label, files, size, ratio] of rows) {
      log(`  ${String(label).padEnd(36)} ${String(files).padStart(3)} files  ${String(size).padStart(9)}  ${ratio}`);
    }

    const big: number[] = [];
    const small: number[] = [];
    for (let i = 0; i < runs; i++) {
      small.push(await gridInteractive(session.context, `${app.url}/t/${grids.slug}/records/${grids.small}`));
      big.push(await gridInteractive(session.context, `${app.url}/t/${grids.slug}/records/${grids.big}`));
    }
    const b = median(big);
    const s = median(small);
    log(`\nEntity grid time to interactive (median of ${runs}):`);
    log(`  baseline: the same grid over 10 rows   ${s.toFixed(0).padStart(6)} ms  1.00x`);
    log(
      `  ${GRID_ROWS.toLocaleString("en")} rows                           ${b.toFixed(0).padStart(6)} ms  ${(b / s).toFixed(2)}x`,
    );
    // A visitor's first route is sign-in; a member's is the workspace overview.
    const initial = Math.max(...rows.slice(0, 2).map((row) => Number.parseFloat(row[2] ?? "0")));
    log(
      `\ntargets: initial route < 250 KB gzipped: ${initial < 250 ? "met" : "NOT met"} (largest of sign-in and overview: ${initial.toFixed(1)} KB);`,
    );
    log(`         grid interactive < 1.5 s: ${b < 1500 ? "met" : "NOT met"} (${b.toFixed(0)} ms)`);
  } finally {
    await session.close();
    await app.close();
  }
});
