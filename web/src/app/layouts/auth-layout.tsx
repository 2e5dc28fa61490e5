import { Brand, SkipLink } from "./brand.tsx";
import { PageOutlet } from "./page-outlet.tsx";
import { PreferencesMenu } from "./preferences-menu.tsx";

/** Narrow, centred column for signing in and the other account-access screens. */
export function AuthLayout() {
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <header className="flex items-center justify-between px-4 py-3 sm:px-6">
        <Brand />
        <PreferencesMenu />
      </header>
      <main id="main" tabIndex={-1} className="flex flex-1 justify-center px-4 pb-16 pt-6 sm:pt-12 focus:outline-none">
        <div className="w-full max-w-md">
          <PageOutlet />
        </div>
      </main>
    </div>
  );
}
