import { useDroppable } from "@dnd-kit/core";
import type { FieldDefinition } from "@flexoffice/shared";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { optionDotClass } from "../../../../components/fields/index.ts";
import { cn } from "../../../../components/ui/cn.ts";
import { Skeleton } from "../../../../components/ui/skeleton.tsx";
import type { BoardColumnData } from "../../api/board-query.ts";
import type { BoardColumn as Column } from "../../lib/board.ts";
import { BoardCard } from "./board-card.tsx";

/** While a card is dragged, each column says whether dropping there runs a transition. */
export type DropHint = "source" | "reachable" | "unreachable" | null;

type BoardColumnProps = {
  column: Column;
  data: BoardColumnData | undefined;
  cardTitle: (entity: BoardColumnData["entities"][number]) => string;
  cardFields: readonly FieldDefinition[];
  recordPath: (id: string) => string;
  movable: boolean;
  loading: boolean;
  hint: DropHint;
};

/** One state of the flow: its name and count, and its records as cards; a place to drop a card. */
export function BoardColumn({ column, data, cardTitle, cardFields, recordPath, movable, loading, hint }: BoardColumnProps) {
  const { t } = useTranslation("entities");
  const { setNodeRef, isOver } = useDroppable({ id: `column:${column.state}`, data: { state: column.state } });
  const headingId = useId();
  const count = data?.total ?? 0;
  const shown = data?.entities.length ?? 0;
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      className={cn(
        "flex w-72 shrink-0 flex-col gap-3 rounded-xl border bg-muted/40 p-3 motion-safe:transition-colors",
        hint === "reachable" && "border-dashed border-primary",
        hint === "unreachable" && "opacity-60",
        isOver && hint === "reachable" && "bg-primary/10",
        isOver && hint === "unreachable" && "border-destructive",
      )}
    >
      <header className="flex items-center justify-between gap-2">
        <h2 id={headingId} className="flex min-w-0 items-center gap-2 text-sm font-semibold">
          <span aria-hidden="true" className={cn("size-2.5 shrink-0 rounded-full", optionDotClass(column.color))} />
          <span className="truncate">{column.label}</span>
        </h2>
        <span className="rounded-full bg-card px-2 py-0.5 text-xs text-muted-foreground">
          {loading
            ? "…"
            : data?.exact === false
              ? t("kanban.column.countAtLeast", { count })
              : t("kanban.column.count", { count })}
        </span>
      </header>
      {hint === "reachable" ? <p className="text-xs text-primary">{t("kanban.column.dropHere")}</p> : null}
      {loading ? (
        <div className="grid gap-2">
          <Skeleton className="h-16 w-full" />
          <Skeleton className="h-16 w-full" />
        </div>
      ) : shown === 0 ? (
        <p className="rounded-lg border border-dashed p-4 text-center text-xs text-muted-foreground">
          {t("kanban.column.empty")}
        </p>
      ) : (
        <ul className="grid gap-2">
          {data?.entities.map((entity) => (
            <li key={entity.id}>
              <BoardCard
                entity={entity}
                state={column.state}
                title={cardTitle(entity)}
                fields={cardFields}
                href={recordPath(entity.id)}
                movable={movable}
              />
            </li>
          ))}
        </ul>
      )}
      {count > shown ? <p className="text-xs text-muted-foreground">{t("kanban.column.more", { shown, count })}</p> : null}
    </section>
  );
}
