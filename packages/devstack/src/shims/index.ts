import { dbUrl } from "../config/stack-config.ts";
import type { PartContext, StackPart } from "../parts.ts";
import { startNetWorker } from "./net-worker.ts";

export type { NetWorker, NetWorkerOptions } from "./net-worker.ts";
export { NET_WAKE_CHANNEL, startNetWorker } from "./net-worker.ts";

/**
 * The Node side of the extension stand-ins. Vault and pgmq are pure SQL (bootstrap files
 * next to this one); pg_net needs a process that performs the queued HTTP requests, which
 * on hosted Supabase is pg_net's background worker inside Postgres.
 */
export async function startShimWorkers(ctx: PartContext): Promise<StackPart> {
  const net = await startNetWorker({ dbUrl: dbUrl(ctx.config, "supabase_admin"), logger: ctx.logger.child("pg_net") });
  return { name: "shims", stop: () => net.stop() };
}
