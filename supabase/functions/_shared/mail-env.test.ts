import { describe, expect, test } from "vitest";
import { parseMailEnv } from "./mail-env.ts";

const base: Record<string, string> = {
  SMTP_HOST: "smtp.example.com",
  SMTP_PORT: "587",
  SMTP_SENDER: "FlexOffice <no-reply@example.com>",
  SITE_URL: "https://app.example.com/",
};
const parse = (vars: Record<string, string | undefined>) => parseMailEnv((name) => vars[name]);

describe("parseMailEnv", () => {
  test("reads a complete configuration", () => {
    expect(
      parse({
        ...base,
        SMTP_USER: "mailer",
        SMTP_PASS: "pw",
        ADDITIONAL_REDIRECT_ORIGINS: " https://staging.example.com/x , http://localhost:5173",
      }),
    ).toEqual({
      ok: true,
      env: {
        smtp: { host: "smtp.example.com", port: 587, secure: false, auth: { user: "mailer", pass: "pw" } },
        sender: "FlexOffice <no-reply@example.com>",
        siteUrl: "https://app.example.com/",
        linkOrigins: ["https://app.example.com", "https://staging.example.com", "http://localhost:5173"],
      },
    });
  });

  test("port 465 is implicit TLS; no credentials means no AUTH", () => {
    const result = parse({ ...base, SMTP_PORT: "465", SMTP_SENDER: "no-reply@example.com" });
    expect(result.ok && result.env.smtp).toEqual({ host: "smtp.example.com", port: 465, secure: true, auth: null });
  });

  test.each([
    {
      name: "nothing set",
      vars: {},
      problems: ["SMTP_HOST is not set", "SMTP_PORT is not set", "SMTP_SENDER is not set", "SITE_URL is not set"],
    },
    { name: "a port that is no number", vars: { ...base, SMTP_PORT: "smtp" }, problems: ["SMTP_PORT is not a port number"] },
    {
      name: "a user without password",
      vars: { ...base, SMTP_USER: "mailer" },
      problems: ["SMTP_USER and SMTP_PASS must be set together"],
    },
    {
      name: "a sender that is no address",
      vars: { ...base, SMTP_SENDER: "FlexOffice" },
      problems: ["SMTP_SENDER is not an address such as FlexOffice <no-reply@example.com>"],
    },
    {
      name: "a site URL that is no http(s) URL",
      vars: { ...base, SITE_URL: "ftp://example.com" },
      problems: ["SITE_URL is not an http(s) URL"],
    },
    {
      name: "a bad extra origin",
      vars: { ...base, ADDITIONAL_REDIRECT_ORIGINS: "https://ok.example.com,nope" },
      problems: ['ADDITIONAL_REDIRECT_ORIGINS: "nope" is not an http(s) origin'],
    },
  ])("names the problem: $name", ({ vars, problems }) => {
    expect(parse(vars)).toEqual({ ok: false, problems });
  });
});
