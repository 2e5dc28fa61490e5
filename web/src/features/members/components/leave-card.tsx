import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../components/ui/card.tsx";
import { ConfirmDialog } from "../../../components/ui/dialog.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { useLeaveTenantMutation } from "../api/member-mutations.ts";

/** Leaving the workspace (any member; not its last Admin, which the page says before the database would). */
export function LeaveCard({ lastAdmin }: { lastAdmin: boolean }) {
  const { t } = useTranslation("members");
  const tenant = useTenant();
  const navigate = useNavigate();
  const errorText = useApiErrorText();
  const leave = useLeaveTenantMutation();
  const name = tenant.tenant.name;

  const onLeave = () =>
    leave.mutate(tenant.tenant.id, {
      onSuccess: () => {
        toast.success(t("leave.left", { name }));
        navigate("/", { replace: true });
      },
      onError: (error) => toast.error(errorText(error)),
    });

  return (
    <Card aria-labelledby="leave-title">
      <CardHeader>
        <CardTitle id="leave-title">{t("leave.title")}</CardTitle>
        <CardDescription>{t("leave.description", { name })}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {lastAdmin ? <Alert>{t("leave.lastAdmin")}</Alert> : null}
        <div>
          <ConfirmDialog
            trigger={
              <Button variant="outline" disabled={lastAdmin} loading={leave.isPending}>
                {t("leave.button")}
              </Button>
            }
            title={t("leave.confirmTitle", { name })}
            description={t("leave.confirmBody")}
            confirmLabel={t("leave.confirm")}
            cancelLabel={t("cancel")}
            onConfirm={onLeave}
          />
        </div>
      </CardContent>
    </Card>
  );
}
