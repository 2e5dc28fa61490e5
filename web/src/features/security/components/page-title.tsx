import { useTranslation } from "react-i18next";

/** The document title of a security page: "<page> · FlexOffice". */
export function PageTitle({ title }: { title: string }) {
  const { t } = useTranslation();
  return <title>{`${title} · ${t("app.name")}`}</title>;
}
