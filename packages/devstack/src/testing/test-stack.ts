import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SpawnStackOptions, type StackProcess, spawnStack } from "../stack-process.ts";

/** Throwaway stacks are probed by many test files from one IP: per-IP auth limits are lifted. */
export const TEST_STACK_ARGS = [
  "--set",
  "auth.rate_limit.sign_in_sign_ups=100000",
  "--set",
  "auth.rate_limit.email_sent=100000",
  "--set",
  "auth.rate_limit.token_verifications=100000",
  "--set",
  "auth.rate_limit.token_refresh=100000",
  "--set",
  'auth.email.max_frequency="0s"',
];

export type TestStack = StackProcess & { workdir: string };

/** A foreground stack in a fresh temp dir on free ports, never colliding with a dev stack. */
export async function spawnTestStack(extraArgs: string[] = [], opts: SpawnStackOptions = {}): Promise<TestStack> {
  const workdir = mkdtempSync(join(tmpdir(), "flexoffice-stack-"));
  const stack = await spawnStack(["--workdir", workdir, "--random-ports", "--ephemeral", ...TEST_STACK_ARGS, ...extraArgs], opts);
  return Object.assign(stack, { workdir });
}
