/**
 * Loaded into every function process before its entrypoint (`deno run --preload`).
 * The Supabase edge runtime gives functions an `EdgeRuntime` global whose `waitUntil`
 * keeps background work alive after the response; a Deno process stays alive anyway, so
 * locally it only has to accept the promise and report its failure.
 */
const scope = globalThis as unknown as Record<string, unknown>;

if (!("EdgeRuntime" in scope)) {
  scope.EdgeRuntime = {
    waitUntil(promise: Promise<unknown>): Promise<unknown> {
      return Promise.resolve(promise).catch((error: unknown) => {
        console.error("EdgeRuntime.waitUntil: background task failed:", error);
      });
    },
  };
}

export {};
