/**
 * Rate limits, proven on dedicated auth servers with tight `[auth.rate_limit]` numbers
 * (the shared test stack lifts them because every test signs in from 127.0.0.1). The
 * client IP is the first X-Forwarded-For entry, as behind the gateway.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db, type OwnAuth, randomEmail, startOwnAuth } from "./helpers.ts";

let tight: OwnAuth;
let mailBudget: OwnAuth;

beforeAll(async () => {
  tight = await startOwnAuth((c) => {
    c.supabase.auth.rate_limit = {
      ...c.supabase.auth.rate_limit,
      sign_in_sign_ups: 3,
      token_refresh: 5,
      token_verifications: 3,
      email_sent: 1000,
    };
    c.supabase.auth.email.max_frequency = "1m";
  });
  mailBudget = await startOwnAuth((c) => {
    c.supabase.auth.rate_limit = { ...c.supabase.auth.rate_limit, sign_in_sign_ups: 1000, email_sent: 2 };
  });
});

afterAll(async () => {
  await tight?.stop();
  await mailBudget?.stop();
});

let ipCounter = 0;
const newIp = () => `203.0.113.${(++ipCounter % 250) + 1}`;

function post(server: OwnAuth, path: string, body: unknown, ip: string) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": `${ip}, 127.0.0.1` },
    body: JSON.stringify(body),
  });
}

const TOO_MANY = { code: 429, error_code: "over_request_rate_limit", msg: "Request rate limit reached" };

describe("per-IP limits", () => {
  test("sign-ups beyond sign_in_sign_ups from one IP get 429; another IP is unaffected", async () => {
    const ip = newIp();
    for (let i = 0; i < 3; i++) {
      const ok = await post(tight, "/signup", { email: randomEmail("rl_ip"), password: "rate-limit-1" }, ip);
      expect(ok.status).toBe(200);
    }
    const over = await post(tight, "/signup", { email: randomEmail("rl_ip"), password: "rate-limit-1" }, ip);
    expect(over.status).toBe(429);
    expect(await over.json()).toEqual(TOO_MANY);
    const other = await post(tight, "/signup", { email: randomEmail("rl_ip"), password: "rate-limit-1" }, newIp());
    expect(other.status).toBe(200);
  });

  test("recovery requests are limited per IP too", async () => {
    const ip = newIp();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(tight, "/recover", { email: randomEmail("rl_rec") }, ip)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  test("token requests beyond token_refresh from one IP get 429", async () => {
    const ip = newIp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await post(tight, "/token?grant_type=password", { email: randomEmail(`rl_tok${i}`), password: "nope-nope-1" }, ip))
          .status,
      );
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  });
});

describe("per-email limits", () => {
  test("password sign-ins for one address are limited even when they come from many IPs", async () => {
    const email = randomEmail("rl_mail");
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await post(tight, "/token?grant_type=password", { email, password: "wrong-pass-1" }, newIp())).status);
    expect(statuses).toEqual([400, 400, 400, 429]);
  });

  test("max_frequency stops a second confirmation mail to the same user", async () => {
    const email = randomEmail("rl_freq");
    expect((await post(tight, "/signup", { email, password: "rate-limit-1" }, newIp())).status).toBe(200);
    const resend = await post(tight, "/resend", { email, type: "signup" }, newIp());
    expect(resend.status).toBe(429);
    const body = (await resend.json()) as Record<string, unknown>;
    expect(body.error_code).toBe("over_email_send_rate_limit");
    expect(body.msg).toMatch(/^For security purposes, you can only request this after (59|60) seconds\.$/);
  });
});

describe("email_sent", () => {
  test("the instance stops sending mail past email_sent per hour", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) {
      statuses.push(
        (await post(mailBudget, "/signup", { email: randomEmail("rl_sent"), password: "rate-limit-1" }, newIp())).status,
      );
    }
    expect(statuses).toEqual([200, 200]);
    const email = randomEmail("rl_sent");
    const over = await post(mailBudget, "/signup", { email, password: "rate-limit-1" }, newIp());
    expect(over.status).toBe(429);
    expect(await over.json()).toEqual({ code: 429, error_code: "over_email_send_rate_limit", msg: "email rate limit exceeded" });
    // The sign-up rolled back: the address is still free.
    const sql = db();
    try {
      expect((await sql`select 1 from auth.users where email = ${email}`).length).toBe(0);
    } finally {
      await sql.end();
    }
  });
});
