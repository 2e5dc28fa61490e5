import { authenticateCaller } from "../_shared/caller.ts";
import { createSql } from "../_shared/db.ts";
import { env } from "../_shared/env.ts";
import { mailEnv } from "../_shared/mail-env.ts";
import { createSmtpSender } from "../_shared/smtp.ts";
import { gotrueInvite } from "./gotrue-invite.ts";
import type { InvitationsDeps } from "./handler.ts";
import { createSqlStore } from "./store.ts";

/** The real dependencies: Auth for the caller and new accounts, Postgres (SUPABASE_DB_URL), SMTP. */
export function liveDeps(): InvitationsDeps {
  const { supabaseUrl, anonKey, serviceRoleKey, dbUrl } = env();
  const mail = mailEnv();
  return {
    authenticate: (authorization) => authenticateCaller(authorization, { supabaseUrl, anonKey, fetch }),
    store: createSqlStore(createSql(dbUrl)),
    mail,
    sendMail: mail.ok
      ? createSmtpSender(mail.env)
      : () => Promise.reject(new Error(`mail is not configured: ${mail.problems.join("; ")}`)),
    inviteNewUser: gotrueInvite({ supabaseUrl, serviceRoleKey, fetch }),
  };
}
