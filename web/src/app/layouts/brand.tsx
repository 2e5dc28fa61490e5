import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** The product name as a home link, the same in every layout. */
export function Brand() {
  const { t } = useTranslation();
  return (
    <Link
      to="/"
      className="flex items-center gap-2 rounded-md font-semibold tracking-tight focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      <img src="/favicon.svg" alt="" className="size-7" />
      <span>{t("app.name")}</span>
    </Link>
  );
}

/** First focusable element: keyboard users jump past the header straight to the page. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      href="#main"
      className="sr-only rounded-md bg-primary px-3 py-2 text-primary-foreground focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50"
    >
      {t("app.skipToContent")}
    </a>
  );
}
