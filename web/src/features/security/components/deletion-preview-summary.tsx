import { CircleMinus, CirclePlus } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Card, CardContent, CardHeader, CardTitle } from "../../../components/ui/card.tsx";
import { type DeletionPreview, rowList, tableKey } from "../lib/deletion-preview.ts";

/** "Roles: 4", with our words for the tables we know and the table's own name otherwise. */
function useRowLabel() {
  const { t } = useTranslation("security");
  return (table: string, count: number) => {
    const key = tableKey(table);
    return t("rowCount", { label: key ? t(`tables.${key}`) : table, count });
  };
}

function RowCounts({ rows, byTable = false }: { rows: Record<string, number>; byTable?: boolean }) {
  const label = useRowLabel();
  return (
    <ul className="grid list-disc gap-0.5 pl-5 text-sm text-muted-foreground">
      {rowList(rows, byTable).map(({ table, count }) => (
        <li key={table}>{label(table, count)}</li>
      ))}
    </ul>
  );
}

/** Why the deletion is refused right now: each workspace that would be left without an Admin. */
export function DeletionBlockers({ preview }: { preview: DeletionPreview }) {
  const { t } = useTranslation("security");
  if (preview.blockers.length === 0) return null;
  const lastAdmin = preview.blockers.filter((blocker) => blocker.rule === "last_admin");
  return (
    <Alert tone="error" title={t("deletion.blockedTitle")}>
      <ul className="grid gap-1">
        {preview.blockers.map((blocker) => (
          <li key={`${blocker.rule}:${blocker.tenant_id ?? ""}`}>
            {blocker.rule === "last_admin" ? (
              <>
                {t("deletion.blockedLastAdmin", { name: blocker.name ?? "" })}{" "}
                {blocker.slug ? (
                  <Link className="font-medium text-primary underline-offset-4 hover:underline" to={`/t/${blocker.slug}`}>
                    {t("deletion.openWorkspace", { name: blocker.name ?? blocker.slug })}
                  </Link>
                ) : null}
              </>
            ) : blocker.rule === "super_admin" ? (
              t("deletion.blockedSuperAdmin")
            ) : (
              t("deletion.blockedOther")
            )}
          </li>
        ))}
      </ul>
      {lastAdmin.length > 0 ? <p className="mt-2">{t("deletion.blockedLastAdminHelp")}</p> : null}
    </Alert>
  );
}

/**
 * The deletion plan in words: what goes (workspaces where the user is alone, with their
 * contents; personal data) and what stays (shared workspaces, authorship as "Deleted user",
 * the audit entries without name and email). Computed by the same SQL the deletion runs.
 */
export function DeletionPreviewSummary({ preview }: { preview: DeletionPreview }) {
  const { t } = useTranslation("security");
  const roleName = (key: string) => (key === "admin" || key === "editor" || key === "viewer" ? t(`roles.${key}`) : key);
  const roleNames = (keys: string[]) => (keys.length > 0 ? keys.map(roleName).join(", ") : t("deletion.noRoles"));
  const reassigned = Object.keys(preview.reassigned_rows).length > 0;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card aria-labelledby="deletion-deleted" className="border-destructive/40">
        <CardHeader>
          <div className="flex items-center gap-2">
            <CircleMinus aria-hidden="true" className="size-5 text-destructive" />
            <CardTitle id="deletion-deleted">{t("deletion.deletedTitle")}</CardTitle>
          </div>
        </CardHeader>
        <CardContent className="grid gap-4 text-sm">
          {preview.tenants_deleted.length > 0 ? (
            <div className="grid gap-2">
              <p>{t("deletion.deletedWorkspacesIntro")}</p>
              <ul className="grid gap-3">
                {preview.tenants_deleted.map((tenant) => (
                  <li key={tenant.id} className="rounded-lg border p-3">
                    <p className="font-medium">
                      {tenant.name}{" "}
                      <span className="font-normal text-muted-foreground">
                        · {t("deletion.workspaceRows", { count: tenant.total_rows })}
                      </span>
                    </p>
                    <details className="mt-1">
                      <summary className="cursor-pointer text-sm text-primary">
                        {t("deletion.workspaceDetails", { name: tenant.name })}
                      </summary>
                      <div className="mt-2">
                        <RowCounts rows={tenant.rows} />
                      </div>
                    </details>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="grid gap-2">
            <p>{t("deletion.personalIntro")}</p>
            {Object.keys(preview.personal_rows).length > 0 ? (
              <RowCounts rows={preview.personal_rows} />
            ) : (
              <p className="text-muted-foreground">{t("deletion.nothingPersonal")}</p>
            )}
          </div>
        </CardContent>
      </Card>
      <Card aria-labelledby="deletion-kept">
        <CardHeader>
          <div className="flex items-center gap-2">
            <CirclePlus aria-hidden="true" className="size-5 text-success" />
            <CardTitle id="deletion-kept">{t("deletion.keptTitle")}</CardTitle>
          </div>
        </CardHeader>
        <CardContent className="grid gap-4 text-sm">
          {preview.tenants_kept.length > 0 ? (
            <div className="grid gap-2">
              <p>{t("deletion.keptWorkspacesIntro")}</p>
              <ul className="grid gap-2">
                {preview.tenants_kept.map((tenant) => (
                  <li key={tenant.id} className="rounded-lg border p-3">
                    <p className="font-medium">{tenant.name}</p>
                    <p className="text-muted-foreground">
                      {t("deletion.keptWorkspace", { count: tenant.member_count, roles: roleNames(tenant.role_keys) })}
                    </p>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="text-muted-foreground">{t("deletion.nothingKept")}</p>
          )}
          {reassigned ? (
            <div className="grid gap-2">
              <p>{t("deletion.reassignedIntro")}</p>
              <RowCounts rows={preview.reassigned_rows} byTable />
            </div>
          ) : null}
          <p className="text-muted-foreground">{t("deletion.auditKept")}</p>
        </CardContent>
      </Card>
    </div>
  );
}
