import type { CallerContext, PermissionGrant, PermissionRole } from "../../src/index.ts";
import { uuid } from "../filters/fixtures.ts";

export { CUSTOMERS, ctx, entity, FIELDS, referenced, uuid } from "../filters/fixtures.ts";

/** Transition keys of the fixture blueprint's flow. */
export const TRANSITIONS = ["start", "finish"];

export const ALICE = uuid(0xa11ce);
export const BOB = uuid(0xb0b);

/** Alice, a member of the north region with level 3, on 2026-03-01 late evening UTC. */
export const caller = (overrides: Partial<CallerContext> = {}): CallerContext => ({
  userId: ALICE,
  email: "Alice@Example.com",
  roleKeys: ["sales", "support"],
  attributes: { region: "north", level: 3, vip: true },
  now: "2026-03-01T23:30:00Z",
  timezone: "UTC",
  ...overrides,
});

export const builtin = (key: "admin" | "editor" | "viewer", grants: PermissionGrant[] | null = null): PermissionRole => ({
  key,
  builtin: true,
  grants,
});

export const custom = (key: string, grants: PermissionGrant[] | null): PermissionRole => ({ key, builtin: false, grants });
