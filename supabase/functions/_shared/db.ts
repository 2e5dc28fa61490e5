import postgres from "npm:postgres@3.4.9";

/** A Postgres client as the functions use it (porsager `postgres`, pinned like the devstack's). */
export type Sql = ReturnType<typeof postgres>;

/**
 * One small pool per function process: edge functions are short-lived and many, so they
 * hold at most a couple of connections and give up quickly when the database is away.
 */
export function createSql(dbUrl: string, options: { max?: number; connectTimeoutSeconds?: number } = {}): Sql {
  return postgres(dbUrl, {
    max: options.max ?? 2,
    idle_timeout: 20,
    connect_timeout: options.connectTimeoutSeconds ?? 5,
    prepare: false,
    onnotice: () => {},
  });
}
