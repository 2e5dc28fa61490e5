import { describe, expect, test } from "vitest";
import {
  type Actor,
  canGrantRole,
  capabilitiesBeyond,
  countAdmins,
  leaveProblem,
  type RoleLike,
  removeMemberProblem,
  roleChangeProblem,
} from "./role-rules.ts";

const ADMIN: RoleLike = { id: "r-admin", key: "admin", builtin: true, capabilities: ["manage_members", "manage_roles"] };
const EDITOR: RoleLike = { id: "r-editor", key: "editor", builtin: true, capabilities: ["manage_blueprints"] };
const VIEWER: RoleLike = { id: "r-viewer", key: "viewer", builtin: true, capabilities: [] };
const HR: RoleLike = { id: "r-hr", key: "hr", builtin: false, capabilities: ["manage_members"] };
const ROLES = [ADMIN, EDITOR, VIEWER, HR];

const admin: Actor = { userId: "me", isAdmin: true, capabilities: new Set(["manage_members", "manage_roles"]) };
const manager: Actor = { userId: "me", isAdmin: false, capabilities: new Set(["manage_members"]) };
const person = (userId: string, roleIds: string[] = [], isApiKey = false) => ({ userId, roleIds, isApiKey });

describe("canGrantRole (rule 2)", () => {
  test.each([
    { name: "Admin grants Admin", actor: admin, role: ADMIN, ok: true },
    { name: "manager cannot grant Admin", actor: manager, role: ADMIN, ok: false },
    { name: "manager grants Viewer", actor: manager, role: VIEWER, ok: true },
    { name: "manager grants a role within their capabilities", actor: manager, role: HR, ok: true },
    { name: "manager cannot grant Editor (manage_blueprints)", actor: manager, role: EDITOR, ok: false },
  ])("$name", ({ actor, role, ok }) => {
    expect(canGrantRole(actor, role)).toBe(ok);
  });

  test("rule 3: capabilities beyond the editor", () => {
    expect(capabilitiesBeyond(manager, ["manage_members", "export_data"])).toEqual(["export_data"]);
    expect(capabilitiesBeyond(admin, ["export_data"])).toEqual([]);
  });
});

describe("roleChangeProblem", () => {
  test.each([
    { name: "Viewer to HR by a manager", actor: manager, target: person("u1"), from: ["r-viewer"], to: ["r-hr"], problem: null },
    {
      name: "promote to Editor by a manager",
      actor: manager,
      target: person("u1"),
      from: ["r-viewer"],
      to: ["r-editor"],
      problem: "escalation",
    },
    {
      name: "demote an Editor by a manager",
      actor: manager,
      target: person("u1"),
      from: ["r-editor"],
      to: ["r-viewer"],
      problem: "escalation",
    },
    {
      name: "keep an Editor role while adding Viewer",
      actor: manager,
      target: person("u1"),
      from: ["r-editor"],
      to: ["r-editor", "r-viewer"],
      problem: null,
    },
    { name: "no roles", actor: admin, target: person("u1"), from: ["r-viewer"], to: [], problem: "no_roles" },
    { name: "own roles", actor: manager, target: person("me"), from: ["r-hr"], to: ["r-hr", "r-viewer"], problem: "own_roles" },
    {
      name: "Admin stepping down, another remains",
      actor: admin,
      target: person("me"),
      from: ["r-admin"],
      to: ["r-editor"],
      problem: null,
      admins: 2,
    },
    {
      name: "last Admin stepping down",
      actor: admin,
      target: person("me"),
      from: ["r-admin"],
      to: ["r-editor"],
      problem: "own_roles",
      admins: 1,
    },
    {
      name: "demote the last Admin",
      actor: admin,
      target: person("u1"),
      from: ["r-admin"],
      to: ["r-viewer"],
      problem: "last_admin",
      admins: 1,
    },
    {
      name: "an API key",
      actor: admin,
      target: person("k1", [], true),
      from: ["r-viewer"],
      to: ["r-editor"],
      problem: "api_key",
    },
  ])("$name", ({ actor, target, from, to, problem, admins }) => {
    expect(roleChangeProblem(actor, target, from, to, ROLES, admins ?? 2)).toBe(problem);
  });
});

describe("removeMemberProblem and leaving", () => {
  test.each([
    { name: "a Viewer by a manager", actor: manager, target: person("u1", ["r-viewer"]), problem: null },
    { name: "an Editor by a manager", actor: manager, target: person("u1", ["r-editor"]), problem: "escalation" },
    { name: "oneself", actor: admin, target: person("me", ["r-admin"]), problem: "self" },
    { name: "the last Admin", actor: admin, target: person("u1", ["r-admin"]), problem: "last_admin", admins: 1 },
    { name: "an API key", actor: admin, target: person("k1", ["r-viewer"], true), problem: "api_key" },
  ])("$name", ({ actor, target, problem, admins }) => {
    expect(removeMemberProblem(actor, target, ROLES, admins ?? 2)).toBe(problem);
  });

  test("the last Admin cannot leave; others can", () => {
    expect(leaveProblem(["r-admin"], ROLES, 1)).toBe("last_admin");
    expect(leaveProblem(["r-admin"], ROLES, 2)).toBeNull();
    expect(leaveProblem(["r-viewer"], ROLES, 1)).toBeNull();
  });

  test("API keys do not count as Admins", () => {
    expect(countAdmins([person("a", ["r-admin"]), person("k", ["r-admin"], true), person("v", ["r-viewer"])], ROLES)).toBe(1);
  });
});
