import { inject } from "vitest";
import type { StackEnv } from "./stack-env.ts";

export type { StackEnv } from "./stack-env.ts";
export { spawnTestStack, TEST_STACK_ARGS, type TestStack } from "./test-stack.ts";

declare module "vitest" {
  export interface ProvidedContext {
    stack: StackEnv;
  }
}

/** The shared test stack started by the global setup (URLs, keys, DB URLs). */
export function stackEnv(): StackEnv {
  return inject("stack");
}

/** A unique, readable suffix for names a test creates (users, topics, queues). */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
