import { LogOut, UserRound } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Outlet, useNavigate } from "react-router";
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
import { useSession } from "../../features/auth/hooks/session.tsx";
import { authErrorKey } from "../../features/auth/lib/auth-errors.ts";
import { Brand, SkipLink } from "./brand.tsx";
import { PreferencesMenu } from "./preferences-menu.tsx";

function UserMenu({ email }: { email: string }) {
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
        <DropdownMenuItem onSelect={() => navigate("/")}>
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

/** Frame of every signed-in page: header with the user's menu, then the page. */
export function AppLayout() {
  const session = useSession();
  const email = session.session?.user.email ?? "";
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <header className="border-b bg-card">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <Brand />
          <div className="flex items-center gap-1">
            <PreferencesMenu />
            <UserMenu email={email} />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6 focus:outline-none">
        <Outlet />
      </main>
    </div>
  );
}
