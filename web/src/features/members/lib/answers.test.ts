import { describe, expect, test } from "vitest";
import { parseExplanation, parseInvitation } from "./answers.ts";

describe("explain_permissions answer", () => {
  test("allowed and denied actions, sources and fields", () => {
    const explanation = parseExplanation({
      roles: [
        { id: "r1", key: "driver", name: "Driver", builtin: false, source: "grants", grants: [{ action: "read" }] },
        { id: "r2", key: "viewer", name: "Viewer", builtin: true, source: "default", grants: [{ action: "read" }] },
      ],
      actions: {
        read: { allowed: true, by_roles: ["driver", "viewer"], every_row: false, fields: ["title"] },
        create: { allowed: false, by_roles: [], reason: "no_grant", message: "None of …" },
        update: { allowed: true, by_roles: ["driver"], every_row: true, broken: ["field gone"] },
      },
    });
    expect(explanation.roles.map((role) => role.source)).toEqual(["grants", "default"]);
    expect(explanation.actions.read).toEqual({
      allowed: true,
      byRoles: ["driver", "viewer"],
      everyRow: false,
      fields: ["title"],
      broken: [],
      reason: null,
    });
    expect(explanation.actions.create).toMatchObject({ allowed: false, reason: "no_grant" });
    expect(explanation.actions.update).toMatchObject({ fields: null, broken: ["field gone"] });
    expect(explanation.actions.delete).toMatchObject({ allowed: false, byRoles: [] });
  });
});

describe("get_invitation answer", () => {
  test("for another address only a hint", () => {
    expect(
      parseInvitation({
        email_matches: false,
        email_hint: "j***@example.com",
        reason: "the invitation was sent to another email address",
      }),
    ).toEqual({
      emailMatches: false,
      emailHint: "j***@example.com",
      reason: "the invitation was sent to another email address",
    });
  });

  test("for the invited address the details", () => {
    const view = parseInvitation({
      email_matches: true,
      id: "i1",
      email: "jane@example.com",
      state: "pending",
      expires_at: "2026-11-28T10:00:00Z",
      tenant: { id: "t1", name: "Acme", slug: "acme" },
      invited_by: { name: "", email: "boss@example.com" },
      roles: [{ id: "r1", key: "viewer", name: "Viewer" }],
    });
    expect(view).toMatchObject({ emailMatches: true, state: "pending", invitedBy: { name: "", email: "boss@example.com" } });
  });
});
