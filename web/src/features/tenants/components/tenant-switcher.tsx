import { Building2, Check, ChevronsUpDown, Plus } from "lucide-react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Button } from "../../../components/ui/button.tsx";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "../../../components/ui/dropdown-menu.tsx";
import type { Membership } from "../api/my-tenants-query.ts";
import { rememberTenant } from "../lib/last-tenant.ts";

/** The current workspace's name; opens the list of the user's workspaces and "create one". */
export function TenantSwitcher({ current, memberships }: { current: Membership; memberships: Membership[] }) {
  const { t } = useTranslation("tenants");
  const navigate = useNavigate();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          className="min-w-0 max-w-64 gap-2 px-2"
          aria-label={t("switcher.label", { name: current.tenant.name })}
        >
          <Building2 aria-hidden="true" className="size-4 shrink-0" />
          <span className="truncate">{current.tenant.name}</span>
          <ChevronsUpDown aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="min-w-60">
        <DropdownMenuLabel>{t("switcher.heading")}</DropdownMenuLabel>
        {memberships.map((membership) => (
          <DropdownMenuItem
            key={membership.tenant.id}
            onSelect={() => {
              rememberTenant(membership.tenant.slug);
              navigate(`/t/${membership.tenant.slug}`);
            }}
          >
            {membership.tenant.id === current.tenant.id ? (
              <Check aria-hidden="true" className="size-4" />
            ) : (
              <span aria-hidden="true" className="size-4" />
            )}
            <span className="truncate">{membership.tenant.name}</span>
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => navigate("/tenants/new")}>
          <Plus aria-hidden="true" className="size-4" />
          {t("switcher.create")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
