import type { ReactNode } from "react";
import { useSession } from "../../features/auth/hooks/session.tsx";
import { SecondFactorGate } from "../../features/security/components/second-factor-gate.tsx";
import { Brand, SkipLink } from "./brand.tsx";
import { PageOutlet } from "./page-outlet.tsx";
import { PreferencesMenu } from "./preferences-menu.tsx";
import { UserMenu } from "./user-menu.tsx";

/** The bar on top of every signed-in page: brand, what the page adds (the workspace switcher), preferences, user menu. */
export function AppHeader({ children, wide = false }: { children?: ReactNode; wide?: boolean }) {
  const session = useSession();
  const email = session.session?.user.email ?? "";
  return (
    <header className="border-b bg-card">
      <div className={`mx-auto flex items-center justify-between gap-4 px-4 py-3 sm:px-6 ${wide ? "" : "max-w-5xl"}`}>
        <div className="flex min-w-0 items-center gap-3">
          <Brand />
          {children}
        </div>
        <div className="flex items-center gap-1">
          <PreferencesMenu />
          <UserMenu email={email} />
        </div>
      </div>
    </header>
  );
}

/** Frame of the signed-in pages outside a workspace (account, creating a workspace). */
export function AppLayout() {
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <AppHeader />
      <SecondFactorGate>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6 focus:outline-none">
          <PageOutlet />
        </main>
      </SecondFactorGate>
    </div>
  );
}
