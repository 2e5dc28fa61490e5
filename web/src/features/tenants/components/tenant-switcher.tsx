import { Building2, ChevronsUpDown } from "lucide-react";
import { type ComponentProps, lazy } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button.tsx";
import { MenuOnApproach } from "../../../components/ui/menu-on-approach.tsx";
import type { Membership } from "../api/my-tenants-query.ts";

const LoadedTenantSwitcher = lazy(() =>
  import("./tenant-switcher-loaded.tsx").then((m) => ({ default: m.LoadedTenantSwitcher })),
);

/** The switcher's trigger: the current workspace's name. */
export function TenantSwitcherButton({ name, ...props }: ComponentProps<typeof Button> & { name: string }) {
  const { t } = useTranslation("tenants");
  return (
    <Button variant="ghost" className="min-w-0 max-w-64 gap-2 px-2" aria-label={t("switcher.label", { name })} {...props}>
      <Building2 aria-hidden="true" className="size-4 shrink-0" />
      <span className="truncate">{name}</span>
      <ChevronsUpDown aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
    </Button>
  );
}

/** The current workspace's name; opens the list of the user's workspaces and "create one". */
export function TenantSwitcher({ current, memberships }: { current: Membership; memberships: Membership[] }) {
  return (
    <MenuOnApproach
      button={(props) => <TenantSwitcherButton name={current.tenant.name} {...props} />}
      menu={LoadedTenantSwitcher}
      menuProps={{ current, memberships }}
    />
  );
}
