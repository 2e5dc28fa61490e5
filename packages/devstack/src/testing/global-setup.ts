import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { type StackProcess, spawnStack } from "./stack-process.ts";
import { toStackEnv } from "./stack-env.ts";

let stack: StackProcess | undefined;

/** Throwaway stacks are probed by many test files from one IP: per-IP auth limits are lifted. */
export const TEST_STACK_ARGS = [
  "--set", "auth.rate_limit.sign_in_sign_ups=100000",
  "--set", "auth.rate_limit.email_sent=100000",
  "--set", "auth.rate_limit.token_verifications=100000",
  "--set", "auth.rate_limit.token_refresh=100000",
  "--set", "auth.email.max_frequency=\"0s\"",
];

/** One stack for the whole run, on free ports in a temp dir, so a dev stack is never touched. */
export async function setup(project: TestProject): Promise<void> {
  stack = await spawnStack(TEST_STACK_ARGS);
  project.provide("stack", toStackEnv(stack.state, stack.workdir, process.cwd()));
}

export async function teardown(): Promise<void> {
  if (!stack) return;
  const code = await stack.stop();
  if (code !== 0) process.stderr.write(`test stack exited with code ${code}:\n${stack.output().slice(-3000)}\n`);
  rmSync(stack.workdir, { recursive: true, force: true });
}
