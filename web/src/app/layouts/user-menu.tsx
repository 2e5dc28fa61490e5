import { UserRound } from "lucide-react";
import { type ComponentProps, lazy } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/ui/button.tsx";
import { MenuOnApproach } from "../../components/ui/menu-on-approach.tsx";

const LoadedUserMenu = lazy(() => import("./user-menu-loaded.tsx").then((m) => ({ default: m.LoadedUserMenu })));

/** The user menu's trigger. */
export function UserMenuButton({ email, ...props }: ComponentProps<typeof Button> & { email: string }) {
  const { t } = useTranslation();
  return (
    <Button variant="ghost" size="icon" aria-label={t("nav.userMenu", { email })} {...props}>
      <UserRound aria-hidden="true" className="size-5" />
    </Button>
  );
}

/** The signed-in user's menu: their account, and signing out of this device. */
export function UserMenu({ email }: { email: string }) {
  return (
    <MenuOnApproach button={(props) => <UserMenuButton email={email} {...props} />} menu={LoadedUserMenu} menuProps={{ email }} />
  );
}
