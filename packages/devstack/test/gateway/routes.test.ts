import { describe, expect, test } from "vitest";
import { matchRoute, upstreamPath } from "../../src/gateway/routes.ts";

describe("gateway routes mirror the Supabase CLI's Kong config", () => {
  test.each([
    { name: "token endpoint needs a key", path: "/auth/v1/token", upstream: "auth", keyAuth: true, to: "/token" },
    { name: "verify links are open", path: "/auth/v1/verify?token=x", upstream: "auth", keyAuth: false, to: "/verify?token=x" },
    {
      name: "OAuth callback is open",
      path: "/auth/v1/callback?code=1",
      upstream: "auth",
      keyAuth: false,
      to: "/callback?code=1",
    },
    { name: "rest needs a key", path: "/rest/v1/items?select=*", upstream: "rest", keyAuth: true, to: "/items?select=*" },
    {
      name: "realtime websocket",
      path: "/realtime/v1/websocket?vsn=1.0.0",
      upstream: "realtime",
      keyAuth: true,
      to: "/websocket?vsn=1.0.0",
    },
    {
      name: "functions check JWTs themselves",
      path: "/functions/v1/health",
      upstream: "functions",
      keyAuth: false,
      to: "/health",
    },
  ])("$name", ({ path, upstream, keyAuth, to }) => {
    const route = matchRoute(new URL(path, "http://x").pathname);
    expect(route?.upstream).toBe(upstream);
    expect(route?.keyAuth).toBe(keyAuth);
    expect(upstreamPath(route as NonNullable<typeof route>, path)).toBe(to);
  });

  test.each([{ path: "/" }, { path: "/rest" }, { path: "/rest/v10/x" }, { path: "/authx/v1/token" }])(
    "no route for $path",
    ({ path }) => {
      expect(matchRoute(path)).toBeUndefined();
    },
  );
});
