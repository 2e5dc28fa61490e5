import { createSql } from "../_shared/db.ts";
import { env } from "../_shared/env.ts";
import type { HealthDeps } from "./handler.ts";

/** The real dependencies: the platform's database URL, the process clocks. */
export function liveDeps(): HealthDeps {
  const sql = createSql(env().dbUrl, { max: 1, connectTimeoutSeconds: 3 });
  return {
    pingDb: async () => {
      await sql`select 1`;
    },
    monotonicMs: () => performance.now(),
    now: () => new Date(),
  };
}
