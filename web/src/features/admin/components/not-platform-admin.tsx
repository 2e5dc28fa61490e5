import { ShieldX } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "../../../components/ui/button.tsx";
import { AdminSignOutButton } from "./admin-frame.tsx";

/** A signed-in user who is not platform staff: says so plainly and offers the ways out. */
export function NotPlatformAdmin({ email }: { email: string }) {
  const { t } = useTranslation("admin");
  const { t: tc } = useTranslation();
  return (
    <div className="mx-auto grid max-w-lg gap-4 py-12 text-center">
      <title>{`${t("notAdmin.title")} · ${tc("app.name")}`}</title>
      <ShieldX aria-hidden="true" className="mx-auto size-12 text-destructive" />
      <h1 className="text-2xl font-semibold tracking-tight">{t("notAdmin.title")}</h1>
      <p className="text-muted-foreground">{t("notAdmin.body", { email })}</p>
      <p className="text-sm text-muted-foreground">{t("notAdmin.hint")}</p>
      <div className="flex flex-wrap justify-center gap-3">
        <Button asChild>
          <Link to="/">{t("notAdmin.back")}</Link>
        </Button>
        <AdminSignOutButton variant="outline" />
      </div>
    </div>
  );
}
