import { Check, Plus } from "lucide-react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "../../../components/ui/dropdown-menu.tsx";
import type { LoadedMenuProps } from "../../../components/ui/menu-on-approach.tsx";
import type { Membership } from "../api/my-tenants-query.ts";
import { rememberTenant } from "../lib/last-tenant.ts";
import { TenantSwitcherButton } from "./tenant-switcher.tsx";

/** The workspace list, loaded on approach (see tenant-switcher.tsx). */
export function LoadedTenantSwitcher({
  current,
  memberships,
  open,
  autoFocus,
}: LoadedMenuProps & { current: Membership; memberships: Membership[] }) {
  const { t } = useTranslation("tenants");
  const navigate = useNavigate();
  return (
    <DropdownMenu defaultOpen={open}>
      <DropdownMenuTrigger asChild>
        <TenantSwitcherButton name={current.tenant.name} autoFocus={autoFocus} />
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
