import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { toStackEnv } from "./stack-env.ts";
import { spawnTestStack, type TestStack } from "./test-stack.ts";

let stack: TestStack | undefined;

/** One stack for the whole run, on free ports in a temp dir, so a dev stack is never touched. */
export async function setup(project: TestProject): Promise<void> {
  stack = await spawnTestStack();
  project.provide("stack", toStackEnv(stack.state, stack.workdir, process.cwd()));
}

export async function teardown(): Promise<void> {
  if (!stack) return;
  const code = await stack.stop();
  if (code !== 0) process.stderr.write(`test stack exited with code ${code}:\n${stack.output().slice(-3000)}\n`);
  rmSync(stack.workdir, { recursive: true, force: true });
}
