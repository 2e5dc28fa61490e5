import { Building2, type LucideIcon, Users } from "lucide-react";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { PageOutlet } from "../../../app/layouts/page-outlet.tsx";
import { cn } from "../../../components/ui/cn.ts";

const SECTIONS: { to: string; key: "tenants" | "users"; icon: LucideIcon }[] = [
  { to: "/admin/tenants", key: "tenants", icon: Building2 },
  { to: "/admin/users", key: "users", icon: Users },
];

/** The console once the setup is done: its sections beside the page. */
export function AdminConsoleLayout() {
  const { t } = useTranslation("admin");
  return (
    <div className="flex w-full flex-1 flex-col gap-4 px-4 py-4 sm:px-6 md:flex-row md:gap-8 md:py-8">
      <nav aria-label={t("nav.label")} className="md:w-56 md:shrink-0">
        <ul className="flex gap-1 overflow-x-auto pb-1 md:flex-col md:overflow-visible md:pb-0">
          {SECTIONS.map((section) => (
            <li key={section.key} className="shrink-0">
              <NavLink
                to={section.to}
                className={({ isActive }) =>
                  cn(
                    "flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap",
                    "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                    isActive
                      ? "bg-secondary text-secondary-foreground"
                      : "text-muted-foreground hover:bg-muted hover:text-foreground",
                  )
                }
              >
                <section.icon aria-hidden="true" className="size-4" />
                {t(`nav.${section.key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
        <PageOutlet />
      </main>
    </div>
  );
}
