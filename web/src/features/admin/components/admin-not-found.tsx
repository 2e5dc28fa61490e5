import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "../../../components/ui/button.tsx";

/** An address under /admin that is no console page. */
export function AdminNotFound() {
  const { t } = useTranslation("admin");
  const { t: tc } = useTranslation();
  return (
    <div className="grid max-w-md gap-4 py-8">
      <title>{`${tc("errorBoundary.notFoundTitle")} · ${t("platform")} · ${tc("app.name")}`}</title>
      <h1 className="text-2xl font-semibold">{tc("errorBoundary.notFoundTitle")}</h1>
      <p className="text-muted-foreground">{tc("errorBoundary.notFoundBody")}</p>
      <div>
        <Button asChild>
          <Link to="/admin/tenants">{t("nav.tenants")}</Link>
        </Button>
      </div>
    </div>
  );
}
