import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Card, CardContent, CardDescription, CardHeader } from "../../../components/ui/card.tsx";
import { Skeleton } from "../../../components/ui/skeleton.tsx";
import { useSession } from "../../auth/hooks/session.tsx";
import { useMyTenantsQuery } from "../api/my-tenants-query.ts";
import { CreateTenantForm } from "./create-tenant-form.tsx";

/** /tenants/new: the first screen after signing up, and "Create a workspace" from the switcher. */
export function CreateTenantPage() {
  const { t } = useTranslation("tenants");
  const navigate = useNavigate();
  const session = useSession();
  const tenants = useMyTenantsQuery(session.session?.user.id ?? "");
  const first = tenants.data?.length === 0;
  return (
    <div className="mx-auto grid max-w-2xl gap-6">
      <Card aria-labelledby="create-tenant-title">
        <CardHeader>
          <h1 id="create-tenant-title" className="text-2xl font-semibold tracking-tight">
            {tenants.isPending ? <Skeleton className="h-8 w-64" /> : first ? t("create.firstTitle") : t("create.title")}
          </h1>
          <CardDescription>{t("create.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <CreateTenantForm onCancel={first || tenants.isPending ? undefined : () => navigate(-1)} />
        </CardContent>
      </Card>
    </div>
  );
}
