import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../../components/ui/button.tsx";
import { cn } from "../../../../components/ui/cn.ts";
import type { GridLiveState } from "../../hooks/use-grid-live-updates.ts";

/** How long "Updated just now" stays after a live change. */
const RECENT_MS = 5000;

/**
 * Whether the grid follows changes live, a quiet "Updated just now" after one arrives (also
 * announced to screen readers), and an offer to show rows that appeared further up.
 */
export function LiveIndicator({ live }: { live: GridLiveState }) {
  const { t } = useTranslation("entities");
  const [recent, setRecent] = useState(false);
  const [announced, setAnnounced] = useState("");
  const changed = live.recentlyChanged.size;

  useEffect(() => {
    if (live.lastChangeAt === null) return;
    setRecent(true);
    const timer = setTimeout(() => setRecent(false), RECENT_MS);
    return () => clearTimeout(timer);
  }, [live.lastChangeAt]);
  useEffect(() => {
    if (changed > 0) setAnnounced(t("live.announce", { count: changed }));
  }, [changed, t]);

  const label = live.status === "live" ? t("live.live") : live.status === "connecting" ? t("live.connecting") : t("live.offline");
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
      <span
        className="inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5"
        title={live.status === "offline" ? t("live.offlineHint") : t("live.liveHint")}
        data-live-status={live.status}
      >
        <span
          aria-hidden="true"
          className={cn(
            "size-2 rounded-full",
            live.status === "live" ? "bg-success" : live.status === "connecting" ? "bg-muted-foreground" : "bg-destructive",
          )}
        />
        {label}
      </span>
      {recent ? <span>{t("live.updated")}</span> : null}
      {live.newRows > 0 ? (
        <Button variant="link" size="sm" className="text-xs" onClick={live.showNewRows}>
          {t("live.newRows", { count: live.newRows })} · {t("live.showNew")}
        </Button>
      ) : null}
      <span className="sr-only" role="status">
        {announced}
      </span>
    </div>
  );
}
