import { useTranslation } from "react-i18next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../../components/ui/card.tsx";
import { Switch } from "../../../../components/ui/switch.tsx";
import { toast } from "../../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import type { TenantRow } from "../../api/my-tenants-query.ts";
import { useUpdateTenantMutation } from "../../api/update-tenant-mutation.ts";
import { MODULE_KEYS, type ModuleKey, withModule } from "./settings-schema.ts";

/** One switch per module with what it covers; each switch saves at once. */
export function ModulesCard({ tenant }: { tenant: TenantRow }) {
  const { t } = useTranslation("tenants");
  const errorText = useApiErrorText();
  const update = useUpdateTenantMutation(tenant.id);

  const toggle = (key: ModuleKey, on: boolean) => {
    const name = t(`settings.modules.items.${key}.name`);
    update.mutate(
      { modules: withModule(tenant.modules, key, on) },
      {
        onSuccess: () => toast.success(on ? t("settings.modules.on", { name }) : t("settings.modules.off", { name })),
        onError: (error) => toast.error(errorText(error)),
      },
    );
  };

  return (
    <Card aria-labelledby="settings-modules">
      <CardHeader>
        <CardTitle id="settings-modules">{t("settings.modules.title")}</CardTitle>
        <CardDescription>{t("settings.modules.description")}</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="divide-y rounded-lg border">
          {MODULE_KEYS.map((key) => {
            const id = `module-${key}`;
            return (
              <li key={key} className="flex items-center justify-between gap-4 px-4 py-3">
                <div className="grid min-w-0 gap-0.5">
                  <label htmlFor={id} className="text-sm font-medium">
                    {t(`settings.modules.items.${key}.name`)}
                  </label>
                  <p id={`${id}-description`} className="text-sm text-muted-foreground">
                    {t(`settings.modules.items.${key}.description`)}
                  </p>
                </div>
                <Switch
                  id={id}
                  aria-describedby={`${id}-description`}
                  checked={tenant.modules.includes(key)}
                  disabled={update.isPending}
                  onCheckedChange={(on) => toggle(key, on)}
                />
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}
