/**
 * The only module that reads `Deno.env`. It validates the platform contract's variables
 * once, at boot, so a misconfigured function fails to start with a clear message instead
 * of failing on some later request.
 */

/** What the platform (hosted Supabase or the devstack) hands every edge function. */
export type FunctionEnv = {
  supabaseUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  dbUrl: string;
};

/** Reads and checks variables from any source; kept apart from `Deno.env` so it stays testable. */
export function parseFunctionEnv(get: (name: string) => string | undefined): FunctionEnv {
  const problems: string[] = [];
  const read = (name: string, check?: (value: string) => boolean): string => {
    const value = get(name)?.trim() ?? "";
    if (!value) problems.push(`${name} is not set`);
    else if (check && !check(value)) problems.push(`${name} is not a valid URL`);
    return value;
  };
  const isUrl = (protocols: string[]) => (value: string) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  };
  const env: FunctionEnv = {
    supabaseUrl: read("SUPABASE_URL", isUrl(["http:", "https:"])),
    anonKey: read("SUPABASE_ANON_KEY"),
    serviceRoleKey: read("SUPABASE_SERVICE_ROLE_KEY"),
    dbUrl: read("SUPABASE_DB_URL", isUrl(["postgres:", "postgresql:"])),
  };
  if (problems.length > 0) throw new Error(`invalid function environment: ${problems.join("; ")}`);
  return env;
}

let cached: FunctionEnv | undefined;

/** The validated environment of this function (read once per process). */
export function env(): FunctionEnv {
  cached ??= parseFunctionEnv((name) => Deno.env.get(name));
  return cached;
}
