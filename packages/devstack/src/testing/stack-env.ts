import type { StackState } from "../supervisor.ts";

/** What a test file knows about the running test stack. */
export type StackEnv = {
  apiUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  /** `postgres` role, as edge functions and `supabase status` get it. */
  dbUrl: string;
  /** `supabase_admin` superuser, for test fixtures that need it (e.g. policies on realtime.messages). */
  adminDbUrl: string;
  inboxUrl: string;
  smtpPort: number;
  workdir: string;
  projectRoot: string;
};

export function toStackEnv(state: StackState, workdir: string, projectRoot: string): StackEnv {
  return {
    apiUrl: state.API_URL,
    anonKey: state.ANON_KEY,
    serviceRoleKey: state.SERVICE_ROLE_KEY,
    jwtSecret: state.JWT_SECRET,
    dbUrl: state.DB_URL,
    adminDbUrl: state.DB_URL.replace("postgres:postgres@", "supabase_admin:postgres@"),
    inboxUrl: state.INBOX_URL,
    smtpPort: state.SMTP_PORT,
    workdir,
    projectRoot,
  };
}
