import { Languages, Moon, Sun } from "lucide-react";
import { type ComponentProps, lazy } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/ui/button.tsx";
import { MenuOnApproach } from "../../components/ui/menu-on-approach.tsx";
import { useTheme } from "../../lib/theme.tsx";

const LoadedPreferencesMenu = lazy(() =>
  import("./preferences-menu-loaded.tsx").then((m) => ({ default: m.LoadedPreferencesMenu })),
);

/** The menu's trigger: the current theme's icon and the language icon. */
export function PreferencesButton(props: ComponentProps<typeof Button>) {
  const { t } = useTranslation();
  const { resolved } = useTheme();
  const ThemeIcon = resolved === "dark" ? Moon : Sun;
  return (
    <Button variant="ghost" size="icon" aria-label={t("preferences.label")} {...props}>
      <ThemeIcon aria-hidden="true" className="size-4" />
      <Languages aria-hidden="true" className="size-4" />
    </Button>
  );
}

/** Theme and language in one place, reachable before signing in as well as after. */
export function PreferencesMenu() {
  return <MenuOnApproach button={(props) => <PreferencesButton {...props} />} menu={LoadedPreferencesMenu} menuProps={{}} />;
}
