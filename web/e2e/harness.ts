import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { ConsoleMessage, Page } from "playwright-core";
import type { Fixtures } from "./fixtures.ts";
import type { Inbox } from "./inbox.ts";

/** What a journey gets: one page in a fresh browser profile, the app's URL, the inbox, and checks. */
export type JourneyContext = {
  page: Page;
  baseUrl: string;
  inbox: Inbox;
  /** Users and API clients made without the screens, for what the journey is not about. */
  fixtures: Fixtures;
  /** Screenshot + accessibility check of what is on screen now; also fails on console errors so far. */
  checkpoint(name: string): Promise<void>;
  /** Allows exactly the console error an intended failure causes (e.g. the 400 of a wrong password). */
  expectConsoleError(match: RegExp): void;
  step(title: string): void;
};

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] };

const require = createRequire(import.meta.url);

/** axe-core's browser bundle, injected into the page as a script. */
export function axeSource(): string {
  return readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
}

/** Runs axe on the page and returns the serious and critical violations, summarised for a report. */
export async function seriousViolations(page: Page, source: string): Promise<string[]> {
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.addScriptTag({ content: source });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
}

export type ConsoleWatch = {
  errors: string[];
  expected: RegExp[];
  take(): string[];
};

/**
 * Records console errors and uncaught exceptions of the app's own pages (not of pages the
 * journey passes through on other origins, like a sign-in provider); expected ones
 * (declared by the journey) are consumed once.
 */
export function watchConsole(page: Page, appOrigin: string): ConsoleWatch {
  const watch: ConsoleWatch = {
    errors: [],
    expected: [],
    take() {
      const out = watch.errors.splice(0);
      return out;
    },
  };
  const onApp = () => {
    try {
      return new URL(page.url()).origin === appOrigin;
    } catch {
      return false;
    }
  };
  const record = (text: string) => {
    if (!onApp()) return;
    const index = watch.expected.findIndex((pattern) => pattern.test(text));
    if (index >= 0) {
      watch.expected.splice(index, 1);
      return;
    }
    watch.errors.push(text);
  };
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() !== "error") return;
    const where = message.location().url;
    record(`${message.text()}${where ? ` (${where})` : ""}`);
  });
  page.on("pageerror", (error) => record(`uncaught: ${error.stack ?? error.message}`));
  return watch;
}

export function createContext(options: {
  page: Page;
  baseUrl: string;
  inbox: Inbox;
  fixtures: Fixtures;
  artifactsDir: string;
  log: (line: string) => void;
}): JourneyContext & { screenshots: string[]; console: ConsoleWatch } {
  const { page, artifactsDir, log } = options;
  mkdirSync(artifactsDir, { recursive: true });
  const source = axeSource();
  const consoleWatch = watchConsole(page, new URL(options.baseUrl).origin);
  const screenshots: string[] = [];
  let counter = 0;
  return {
    page,
    baseUrl: options.baseUrl,
    inbox: options.inbox,
    fixtures: options.fixtures,
    screenshots,
    console: consoleWatch,
    step(title) {
      log(`  - ${title}`);
    },
    expectConsoleError(match) {
      consoleWatch.expected.push(match);
    },
    async checkpoint(name) {
      counter += 1;
      // Let transitions and toasts settle so the picture and the audit show the resting state.
      await page.waitForLoadState("networkidle").catch(() => undefined);
      await page.waitForTimeout(150);
      const file = join(artifactsDir, `${String(counter).padStart(2, "0")}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      screenshots.push(file);
      const violations = await seriousViolations(page, source);
      if (violations.length > 0) throw new Error(`accessibility problems on "${name}":\n  ${violations.join("\n  ")}`);
      const errors = consoleWatch.take();
      if (errors.length > 0) throw new Error(`console errors before "${name}":\n  ${errors.join("\n  ")}`);
      log(`    ✓ ${name}: screenshot, axe clean, no console errors`);
    },
  };
}
