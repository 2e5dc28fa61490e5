import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../../components/ui/alert.tsx";
import { EmptyState } from "../../../../components/ui/empty-state.tsx";
import { FormField } from "../../../../components/ui/form-field.tsx";
import { Select } from "../../../../components/ui/select.tsx";
import { Skeleton } from "../../../../components/ui/skeleton.tsx";
import { useTenant } from "../../../tenants/hooks/current-tenant.tsx";
import { useBlueprintSchemaQuery, useBlueprintsQuery } from "../../api/blueprints-query.ts";
import { type Role, useMembersQuery } from "../../api/members-query.ts";
import { usePermissionSetQuery } from "../../api/permissions-api.ts";
import { BlueprintPermissions } from "./blueprint-permissions.tsx";

function Loading() {
  const { t } = useTranslation("members");
  return (
    <div className="grid gap-3">
      <p role="status" className="sr-only">
        {t("permissions.loading")}
      </p>
      <Skeleton className="h-24 w-full" />
      <Skeleton className="h-24 w-full" />
      <Skeleton className="h-40 w-full" />
    </div>
  );
}

/** Chooses the blueprint, loads its fields, flow and the role's saved grants, and shows the editor. */
export function PermissionEditor({ role }: { role: Role }) {
  const { t } = useTranslation("members");
  const tenant = useTenant();
  const blueprints = useBlueprintsQuery(tenant.tenant.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const blueprintId = chosen ?? blueprints.data?.[0]?.id ?? null;
  const blueprint = blueprints.data?.find((candidate) => candidate.id === blueprintId);
  const schema = useBlueprintSchemaQuery(tenant.tenant.id, blueprintId);
  const saved = usePermissionSetQuery(tenant.tenant.id, role.id, blueprintId);
  const members = useMembersQuery(tenant.tenant.id);

  if (blueprints.isPending) return <Loading />;
  if (blueprints.isError) return <Alert tone="error">{t("permissions.loadFailed")}</Alert>;
  if (blueprints.data.length === 0) return <EmptyState title={t("permissions.noBlueprints")} />;

  return (
    <div className="grid gap-4">
      <FormField label={t("permissions.blueprint")} className="max-w-sm">
        {(control) => (
          <Select {...control} value={blueprintId ?? ""} onChange={(event) => setChosen(event.target.value)}>
            {blueprints.data.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </Select>
        )}
      </FormField>
      {schema.isError || saved.isError || members.isError ? (
        <Alert tone="error">{t("permissions.loadFailed")}</Alert>
      ) : !blueprint || !schema.data || !saved.data || !members.data ? (
        <Loading />
      ) : (
        <BlueprintPermissions
          key={`${blueprint.id}:${blueprint.version}:${saved.data.updatedAt ?? "default"}`}
          role={role}
          blueprint={blueprint}
          schema={schema.data}
          saved={saved.data}
          members={members.data}
        />
      )}
    </div>
  );
}
