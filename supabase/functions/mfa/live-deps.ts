import { authenticateCaller } from "../_shared/caller.ts";
import { createSql } from "../_shared/db.ts";
import { env } from "../_shared/env.ts";
import { otplibTotp } from "../_shared/second-factor/totp.ts";
import type { MfaDeps } from "./handler.ts";
import { qrSvg } from "./qr.ts";
import { createSqlStore } from "./store.ts";

/** The real dependencies: Auth for the caller, Postgres (SUPABASE_DB_URL), otplib, qrcode, the clock. */
export function liveDeps(): MfaDeps {
  const { supabaseUrl, anonKey, dbUrl } = env();
  return {
    authenticate: (authorization) => authenticateCaller(authorization, { supabaseUrl, anonKey, fetch }),
    store: createSqlStore(createSql(dbUrl)),
    totp: otplibTotp(),
    qrSvg,
    now: () => new Date(),
  };
}
