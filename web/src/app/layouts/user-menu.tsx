import { LogOut, UserRound } from "lucide-react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Button } from "../../components/ui/button.tsx";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "../../components/ui/dropdown-menu.tsx";
import { toast } from "../../components/ui/toaster.tsx";
import { useSignOutMutation } from "../../features/account/api/sign-out-mutation.ts";
import { authErrorKey } from "../../features/auth/lib/auth-errors.ts";

/** The signed-in user's menu: their account, and signing out of this device. */
export function UserMenu({ email }: { email: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signOut = useSignOutMutation();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={t("nav.userMenu", { email })}>
          <UserRound aria-hidden="true" className="size-5" />
        </Button>
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
