import type { Tables } from "@flexoffice/shared";
import { useQuery } from "@tanstack/react-query";
import { throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { type AttributeValue, readAttributes } from "../lib/attributes.ts";
import { memberKeys } from "./keys.ts";

export type Role = Pick<Tables<"roles">, "id" | "key" | "name" | "description" | "builtin" | "capabilities" | "created_at">;

/** A member as the list shows it: who, since when, which roles and attributes. */
export type Member = {
  userId: string;
  name: string;
  email: string;
  joinedAt: string;
  roleIds: string[];
  attributes: Record<string, AttributeValue>;
  /** The machine member of an API key (docs/api-keys.md): its membership is managed with the key. */
  isApiKey: boolean;
};

/** Where API keys' machine users have their addresses (docs/api-keys.md). */
const API_KEY_EMAIL_DOMAIN = "@api-keys.flexoffice.invalid";

/**
 * The tenant's members with their profiles and roles, read through RLS (every member sees
 * co-members). Three plain reads: memberships, profiles and role assignments have no
 * foreign keys between them that PostgREST could embed.
 */
export async function fetchMembers(tenantId: string): Promise<Member[]> {
  const [members, assignments] = await Promise.all([
    supabase.from("tenant_members").select("user_id, attributes, created_at").eq("tenant_id", tenantId).then(throwOnError),
    supabase.from("member_roles").select("user_id, role_id").eq("tenant_id", tenantId).then(throwOnError),
  ]);
  const ids = members.map((member) => member.user_id);
  const profiles =
    ids.length === 0 ? [] : await supabase.from("profiles").select("id, full_name, email").in("id", ids).then(throwOnError);
  const profileById = new Map(profiles.map((profile) => [profile.id, profile]));
  const rolesByUser = new Map<string, string[]>();
  for (const row of assignments) rolesByUser.set(row.user_id, [...(rolesByUser.get(row.user_id) ?? []), row.role_id]);
  return members
    .map((member) => {
      const profile = profileById.get(member.user_id);
      const email = profile?.email ?? "";
      return {
        userId: member.user_id,
        name: profile?.full_name?.trim() ?? "",
        email,
        joinedAt: member.created_at,
        roleIds: rolesByUser.get(member.user_id) ?? [],
        attributes: readAttributes(member.attributes),
        isApiKey: email.endsWith(API_KEY_EMAIL_DOMAIN),
      };
    })
    .sort((a, b) => Number(a.isApiKey) - Number(b.isApiKey) || displayName(a).localeCompare(displayName(b)));
}

/** The name people recognise: the profile name, else the email. */
export function displayName(member: Pick<Member, "name" | "email">): string {
  return member.name || member.email;
}

export function useMembersQuery(tenantId: string) {
  return useQuery({ queryKey: memberKeys.list(tenantId), queryFn: () => fetchMembers(tenantId) });
}

/** The tenant's roles: built-in first (Admin, Editor, Viewer), then custom ones by name. */
export async function fetchRoles(tenantId: string): Promise<Role[]> {
  const roles = await supabase
    .from("roles")
    .select("id, key, name, description, builtin, capabilities, created_at")
    .eq("tenant_id", tenantId)
    .then(throwOnError);
  const builtinOrder = ["admin", "editor", "viewer"];
  return roles.sort(
    (a, b) =>
      Number(b.builtin) - Number(a.builtin) ||
      (a.builtin ? builtinOrder.indexOf(a.key) - builtinOrder.indexOf(b.key) : a.name.localeCompare(b.name)),
  );
}

export function useRolesQuery(tenantId: string) {
  return useQuery({ queryKey: memberKeys.roles(tenantId), queryFn: () => fetchRoles(tenantId) });
}
