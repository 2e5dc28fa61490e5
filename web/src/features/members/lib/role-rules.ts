/**
 * The rules of docs/members-and-roles.md as the screens need them, to offer only what the
 * database would allow. They are hints: every RPC checks again, and a refusal is shown in
 * words when the live state differs from what the page knew.
 */

export type Actor = {
  userId: string;
  isAdmin: boolean;
  capabilities: ReadonlySet<string>;
};

export type RoleLike = { id: string; key: string; builtin: boolean; capabilities: readonly string[] };

export const ADMIN_KEY = "admin";

export function isAdminRole(role: Pick<RoleLike, "key" | "builtin">): boolean {
  return role.builtin && role.key === ADMIN_KEY;
}

/** Rule 2: only Admins hand out or take away Admin; others only roles within their own capabilities. */
export function canGrantRole(actor: Actor, role: RoleLike): boolean {
  if (actor.isAdmin) return true;
  if (isAdminRole(role)) return false;
  return role.capabilities.every((capability) => actor.capabilities.has(capability));
}

/** Rule 3: the capabilities a role may not gain, lose or carry when this actor edits it. */
export function capabilitiesBeyond(actor: Actor, capabilities: readonly string[]): string[] {
  if (actor.isAdmin) return [];
  return capabilities.filter((capability) => !actor.capabilities.has(capability));
}

export type RoleChangeProblem = "api_key" | "own_roles" | "no_roles" | "too_many" | "escalation" | "last_admin";

export const MAX_MEMBER_ROLES = 20;

type Target = { userId: string; isApiKey: boolean };

/** Why changing `target`'s roles from `current` to `next` would be refused, or null. */
export function roleChangeProblem(
  actor: Actor,
  target: Target,
  current: readonly string[],
  next: readonly string[],
  roles: readonly RoleLike[],
  adminCount: number,
): RoleChangeProblem | null {
  if (target.isApiKey) return "api_key";
  const byId = new Map(roles.map((role) => [role.id, role]));
  const adminId = roles.find(isAdminRole)?.id;
  const removesAdmin = adminId !== undefined && current.includes(adminId) && !next.includes(adminId);
  if (target.userId === actor.userId && !(actor.isAdmin && removesAdmin && adminCount > 1)) return "own_roles";
  if (next.length === 0) return "no_roles";
  if (next.length > MAX_MEMBER_ROLES) return "too_many";
  const changed = [...next.filter((id) => !current.includes(id)), ...current.filter((id) => !next.includes(id))];
  if (changed.some((id) => !byId.has(id) || !canGrantRole(actor, byId.get(id) as RoleLike))) return "escalation";
  if (removesAdmin && adminCount <= 1) return "last_admin";
  return null;
}

export type RemoveProblem = "api_key" | "self" | "escalation" | "last_admin";

/** Why removing `target` would be refused: themselves (they leave instead), their roles, the last Admin. */
export function removeMemberProblem(
  actor: Actor,
  target: Target & { roleIds: readonly string[] },
  roles: readonly RoleLike[],
  adminCount: number,
): RemoveProblem | null {
  if (target.isApiKey) return "api_key";
  if (target.userId === actor.userId) return "self";
  const held = roles.filter((role) => target.roleIds.includes(role.id));
  if (held.some((role) => !canGrantRole(actor, role))) return "escalation";
  if (held.some(isAdminRole) && adminCount <= 1) return "last_admin";
  return null;
}

/** Rule 5: the last Admin cannot leave. */
export function leaveProblem(myRoleIds: readonly string[], roles: readonly RoleLike[], adminCount: number): "last_admin" | null {
  const adminId = roles.find(isAdminRole)?.id;
  return adminId !== undefined && myRoleIds.includes(adminId) && adminCount <= 1 ? "last_admin" : null;
}

/** Members holding the Admin role (API keys never count as the Admin a tenant keeps). */
export function countAdmins(
  members: readonly { roleIds: readonly string[]; isApiKey: boolean }[],
  roles: readonly RoleLike[],
): number {
  const adminId = roles.find(isAdminRole)?.id;
  return members.filter((member) => !member.isApiKey && adminId !== undefined && member.roleIds.includes(adminId)).length;
}
