import { LogOut, UserRound } from "lucide-react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "../../components/ui/dropdown-menu.tsx";
import type { LoadedMenuProps } from "../../components/ui/menu-on-approach.tsx";
import { toast } from "../../components/ui/toast.ts";
import { useSignOutMutation } from "../../features/account/api/sign-out-mutation.ts";
import { authErrorKey } from "../../features/auth/lib/auth-errors.ts";
import { UserMenuButton } from "./user-menu.tsx";

/** The signed-in user's menu, loaded on approach (see user-menu.tsx). */
export function LoadedUserMenu({ email, open, autoFocus }: LoadedMenuProps & { email: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signOut = useSignOutMutation();
  return (
    <DropdownMenu defaultOpen={open}>
      <DropdownMenuTrigger asChild>
        <UserMenuButton email={email} autoFocus={autoFocus} />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel className="max-w-64 truncate">{email}</DropdownMenuLabel>
        <DropdownMenuItem onSelect={() => navigate("/account")}>
          <UserRound aria-hidden="true" className="size-4" />
          {t("nav.account")}
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          onSelect={() =>
            signOut.mutate("local", {
              onSuccess: () => {
                toast.success(t("home.sessions.signedOut"));
                navigate("/sign-in", { replace: true });
              },
              onError: (error) => toast.error(t(`auth.errors.${authErrorKey(error)}`)),
            })
          }
        >
          <LogOut aria-hidden="true" className="size-4" />
          {t("nav.signOut")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
