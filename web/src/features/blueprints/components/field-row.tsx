import type { FieldDefinition } from "@flexoffice/shared";
import { ArrowDown, ArrowUp, ChevronDown, ChevronRight, CircleAlert, Trash2 } from "lucide-react";
import type { KeyboardEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { cn } from "../../../components/ui/cn.ts";
import type { DraftField } from "../lib/draft.ts";
import { sameField } from "../lib/draft.ts";
import { FIELD_TYPE_ICONS } from "../lib/icons.ts";

type FieldRowProps = {
  item: DraftField;
  saved: FieldDefinition | null;
  index: number;
  count: number;
  expanded: boolean;
  hasProblems: boolean;
  onToggle: () => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
  children: ReactNode;
};

/**
 * One field in the designer's list: what it is at a glance, buttons to move or remove it,
 * and its editor when opened. Alt+Arrow keys on the field's name move it too.
 */
export function FieldRow({
  item,
  saved,
  index,
  count,
  expanded,
  hasProblems,
  onToggle,
  onMove,
  onRemove,
  children,
}: FieldRowProps) {
  const { t } = useTranslation("blueprints");
  const { field } = item;
  const Icon = FIELD_TYPE_ICONS[field.type];
  const name = field.label.trim() || t("fieldList.untitled");
  const panelId = `field-panel-${item.uid}`;
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    onMove(event.key === "ArrowUp" ? -1 : 1);
  };
  const state = saved === null ? "new" : sameField(saved, field) ? null : "edited";
  return (
    <li className={cn("rounded-lg border bg-card", hasProblems && "border-destructive/60", expanded && "shadow-sm")}>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 p-2 pl-3">
        <Icon aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
        <button
          type="button"
          aria-expanded={expanded}
          aria-controls={panelId}
          aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
          onClick={onToggle}
          onKeyDown={onKeyDown}
          className="flex min-w-0 flex-1 cursor-pointer items-center gap-2 rounded-md px-1 py-1 text-left focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          {expanded ? (
            <ChevronDown aria-hidden="true" className="size-4 shrink-0" />
          ) : (
            <ChevronRight aria-hidden="true" className="size-4 shrink-0" />
          )}
          <span className="grid min-w-0">
            <span className="truncate font-medium">{name}</span>
            <span className="truncate text-xs text-muted-foreground">
              <span className="font-mono">{field.key || "—"}</span> · {t(`types.${field.type}.name`)}
            </span>
          </span>
        </button>
        <div className="ml-auto flex flex-wrap items-center justify-end gap-1">
          {hasProblems ? (
            <span className="flex items-center gap-1 text-xs font-medium text-destructive">
              <CircleAlert aria-hidden="true" className="size-4" />
              {t("fieldList.problems")}
            </span>
          ) : null}
          {field.required ? <Badge variant="outline">{t("fieldList.required")}</Badge> : null}
          {state ? <Badge variant={state === "new" ? "success" : "neutral"}>{t(`fieldList.${state}`)}</Badge> : null}
          <Button
            variant="ghost"
            size="icon"
            className="size-9"
            disabled={index === 0}
            aria-label={t("fieldList.moveUp", { name })}
            onClick={() => onMove(-1)}
          >
            <ArrowUp aria-hidden="true" className="size-4" />
          </Button>
          <Button
            variant="ghost"
            size="icon"
            className="size-9"
            disabled={index === count - 1}
            aria-label={t("fieldList.moveDown", { name })}
            onClick={() => onMove(1)}
          >
            <ArrowDown aria-hidden="true" className="size-4" />
          </Button>
          <Button variant="ghost" size="icon" className="size-9" aria-label={t("fieldList.remove", { name })} onClick={onRemove}>
            <Trash2 aria-hidden="true" className="size-4" />
          </Button>
        </div>
      </div>
      {expanded ? (
        <section id={panelId} aria-label={t("fieldList.editorOf", { name })} className="border-t p-4">
          {children}
        </section>
      ) : null}
    </li>
  );
}
