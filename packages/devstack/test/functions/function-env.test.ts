import { describe, expect, test } from "vitest";
import { apiUrl, dbUrl, resolveStackConfig } from "../../src/config/stack-config.ts";
import { buildFunctionEnv, parseEnvFile } from "../../src/functions/function-env.ts";

describe("parseEnvFile", () => {
  test.each([
    { name: "plain pair", text: "A=1", vars: { A: "1" }, warnings: 0 },
    { name: "export prefix", text: "export TOKEN=abc", vars: { TOKEN: "abc" }, warnings: 0 },
    { name: "comments and blank lines", text: "# c\n\nA=1\n  # d", vars: { A: "1" }, warnings: 0 },
    { name: "inline comment after unquoted", text: "A=1 # one", vars: { A: "1" }, warnings: 0 },
    { name: "hash inside unquoted value", text: "URL=http://x/#frag", vars: { URL: "http://x/#frag" }, warnings: 0 },
    { name: "double quotes with escapes", text: 'A="line\\nnext # kept"', vars: { A: "line\nnext # kept" }, warnings: 0 },
    { name: "single quotes are literal", text: "A='x\\ny'", vars: { A: "x\\ny" }, warnings: 0 },
    { name: "equals sign in value", text: "A=b=c", vars: { A: "b=c" }, warnings: 0 },
    { name: "empty value", text: "A=", vars: { A: "" }, warnings: 0 },
    { name: "CRLF line ends", text: "A=1\r\nB=2\r\n", vars: { A: "1", B: "2" }, warnings: 0 },
    { name: "later value wins", text: "A=1\nA=2", vars: { A: "2" }, warnings: 0 },
    { name: "bad lines are reported", text: "NOT A PAIR\n1A=x\nB=ok", vars: { B: "ok" }, warnings: 2 },
  ])("$name", ({ text, vars, warnings }) => {
    const parsed = parseEnvFile(text);
    expect(parsed.vars).toEqual(vars);
    expect(parsed.warnings).toHaveLength(warnings);
  });
});

describe("buildFunctionEnv", async () => {
  const config = await resolveStackConfig({ projectRoot: process.cwd(), workdir: "/tmp/unused", randomPorts: true });
  const hostEnv = { PATH: "/usr/bin", HOME: "/home/x", AWS_SECRET_ACCESS_KEY: "host-secret", DATABASE_URL: "postgres://host" };

  test("gives the platform contract, the .env values and host basics only", () => {
    const { env, ignored } = buildFunctionEnv({ config, fileVars: { STRIPE_KEY: "sk_test" }, hostEnv, port: 4321 });
    expect(env).toMatchObject({
      SUPABASE_URL: apiUrl(config),
      SUPABASE_ANON_KEY: config.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: config.serviceRoleKey,
      SUPABASE_DB_URL: dbUrl(config),
      DENO_SERVE_ADDRESS: "tcp:127.0.0.1:4321",
      STRIPE_KEY: "sk_test",
      PATH: "/usr/bin",
      HOME: "/home/x",
    });
    expect(env).toMatchObject({
      SMTP_HOST: config.host,
      SMTP_PORT: String(config.ports.smtp),
      SITE_URL: config.supabase.auth.site_url,
    });
    expect(env.AWS_SECRET_ACCESS_KEY).toBeUndefined();
    expect(env.DATABASE_URL).toBeUndefined();
    expect(ignored).toEqual([]);
  });

  test("local mail settings point at the inbox unless .env sets them", () => {
    const { env } = buildFunctionEnv({
      config,
      fileVars: { SMTP_HOST: "smtp.example.com", SMTP_PORT: "587" },
      hostEnv,
      port: 4321,
    });
    expect(env).toMatchObject({
      SMTP_HOST: "smtp.example.com",
      SMTP_PORT: "587",
      SMTP_SENDER: "FlexOffice <noreply@flexoffice.local>",
    });
  });

  test.each([
    { name: "SUPABASE_URL", value: "http://evil" },
    { name: "SUPABASE_SERVICE_ROLE_KEY", value: "forged" },
    { name: "SUPABASE_ANYTHING", value: "x" },
    { name: "DENO_SERVE_ADDRESS", value: "tcp:0.0.0.0:80" },
  ])(".env cannot set the reserved $name", ({ name, value }) => {
    const { env, ignored } = buildFunctionEnv({ config, fileVars: { [name]: value }, hostEnv, port: 4321 });
    expect(env[name]).not.toBe(value);
    expect(ignored).toEqual([name]);
  });
});
