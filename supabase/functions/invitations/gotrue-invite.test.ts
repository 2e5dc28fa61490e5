import { describe, expect, test } from "vitest";
import { gotrueInvite } from "./gotrue-invite.ts";

describe("gotrueInvite", () => {
  test("posts the address and data to /auth/v1/invite with the redirect, as the service role", async () => {
    const seen: Array<{ url: string; init: RequestInit | undefined }> = [];
    const invite = gotrueInvite({
      supabaseUrl: "http://api.test/",
      serviceRoleKey: "service-key",
      fetch: (async (url: RequestInfo | URL, init?: RequestInit) => {
        seen.push({ url: String(url), init });
        return new Response("{}", { status: 200 });
      }) as typeof fetch,
    });
    await invite({
      email: "new@example.test",
      redirectTo: "https://app.test/invitations/accept?token=abc",
      data: { invited_to: "Acme" },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe(
      `http://api.test/auth/v1/invite?redirect_to=${encodeURIComponent("https://app.test/invitations/accept?token=abc")}`,
    );
    expect(seen[0]?.init?.method).toBe("POST");
    const headers = new Headers(seen[0]?.init?.headers);
    expect(headers.get("apikey")).toBe("service-key");
    expect(headers.get("authorization")).toBe("Bearer service-key");
    expect(JSON.parse(String(seen[0]?.init?.body))).toEqual({ email: "new@example.test", data: { invited_to: "Acme" } });
  });

  test("fails with Auth's answer when Auth refuses", async () => {
    const invite = gotrueInvite({
      supabaseUrl: "http://api.test",
      serviceRoleKey: "service-key",
      fetch: (async () => new Response('{"code":422,"error_code":"email_exists"}', { status: 422 })) as typeof fetch,
    });
    await expect(invite({ email: "x@example.test", redirectTo: "https://app.test/", data: {} })).rejects.toThrow(
      'Auth answered 422 to the invite: {"code":422,"error_code":"email_exists"}',
    );
  });
});
