/** The tenant capabilities in the database's order (docs/security-model.md, "Capabilities"). */
export const CAPABILITIES = [
  "manage_members",
  "manage_roles",
  "manage_settings",
  "view_audit",
  "manage_blueprints",
  "manage_flows",
  "manage_pages",
  "manage_sources",
  "manage_automations",
  "export_data",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export function isCapability(value: string): value is Capability {
  return (CAPABILITIES as readonly string[]).includes(value);
}

/** The union of the capabilities of a member's roles: grants stack. */
export function capabilitiesOf(roles: readonly { capabilities: readonly string[] }[]): ReadonlySet<Capability> {
  const out = new Set<Capability>();
  for (const role of roles) for (const capability of role.capabilities) if (isCapability(capability)) out.add(capability);
  return out;
}
