import type { FieldDefinition, Json } from "@flexoffice/shared";
import { useQueries } from "@tanstack/react-query";
import { useTenant } from "../../../tenants/hooks/current-tenant.tsx";
import { entityKeys } from "../../api/keys.ts";
import { useLookupLoaders } from "../../api/lookup-options.ts";

/**
 * Names for the referenced entities and members an entity points at, so its page reads
 * "Acme Ltd" rather than an id. Loaded in the background; until then (or when the member
 * may not see the target) FieldValue shows a short id.
 */
export function useReferenceLabels(
  fields: readonly FieldDefinition[],
  data: Record<string, Json> | undefined,
): (field: FieldDefinition, id: string) => string | undefined {
  const tenant = useTenant();
  const lookups = useLookupLoaders(tenant.tenant.id);
  const wanted = fields.flatMap((field) => {
    const value = data?.[field.key];
    return (field.type === "reference" || field.type === "member") && typeof value === "string" ? [{ field, id: value }] : [];
  });
  const results = useQueries({
    queries: wanted.map(({ field, id }) => ({
      queryKey: [...entityKeys.referenceLabels(field.reference?.blueprint_id ?? "members", [id]), "page"],
      queryFn: async () => (await lookups.referenceLabel(field, id)) ?? null,
      staleTime: 60_000,
    })),
  });
  const labels = new Map<string, string>();
  wanted.forEach(({ field, id }, index) => {
    const label = results[index]?.data;
    if (label) labels.set(`${field.key}:${id}`, label);
  });
  return (field, id) => labels.get(`${field.key}:${id}`);
}
