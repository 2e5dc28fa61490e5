import { useDraggable } from "@dnd-kit/core";
import type { FieldDefinition } from "@flexoffice/shared";
import { GripVertical } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FieldValue } from "../../../../components/fields/index.ts";
import { cn } from "../../../../components/ui/cn.ts";
import { useTenant } from "../../../tenants/hooks/current-tenant.tsx";
import type { EntityRecord } from "../../api/entity-query.ts";

export type CardDragData = { entity: EntityRecord; state: string; title: string };

type BoardCardProps = {
  entity: EntityRecord;
  state: string;
  title: string;
  /** A few more fields to show under the title. */
  fields: readonly FieldDefinition[];
  href: string;
  /** Whether the member may change states at all (else no handle is offered). */
  movable: boolean;
  /** Drawn in the drag overlay: no handle wiring, lifted look. */
  overlay?: boolean;
};

/** The card's face: its title (a link to the record) and a few values. */
function CardBody({ entity, title, fields, href }: Pick<BoardCardProps, "entity" | "title" | "fields"> & { href?: string }) {
  const { i18n } = useTranslation();
  const tenant = useTenant();
  return (
    <div className="grid min-w-0 flex-1 gap-1.5">
      {href ? (
        <Link
          to={href}
          className="truncate rounded-sm font-medium hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          {title}
        </Link>
      ) : (
        <span className="truncate font-medium">{title}</span>
      )}
      {fields.length > 0 ? (
        <dl className="grid gap-1 text-xs">
          {fields.map((field) => (
            <div key={field.key} className="flex min-w-0 gap-1.5">
              <dt className="shrink-0 text-muted-foreground">{field.label}:</dt>
              <dd className="min-w-0 truncate">
                <FieldValue
                  field={field}
                  value={entity.data[field.key]}
                  timeZone={tenant.tenant.timezone}
                  language={i18n.resolvedLanguage ?? "en"}
                />
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}

/**
 * One record on the board. The grip is the drag handle (pointer, or keyboard: Space picks it
 * up, arrows move between columns, Space drops, Escape cancels); the title opens the record.
 */
export function BoardCard({ entity, state, title, fields, href, movable, overlay = false }: BoardCardProps) {
  const { t } = useTranslation("entities");
  const data: CardDragData = { entity, state, title };
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: entity.id, data, disabled: !movable || overlay });
  return (
    <article
      ref={overlay ? undefined : setNodeRef}
      aria-label={overlay ? undefined : title}
      aria-hidden={overlay || undefined}
      className={cn(
        "flex gap-2 rounded-lg border bg-card p-3 shadow-sm",
        isDragging && "opacity-40",
        overlay && "rotate-1 shadow-lg ring-2 ring-primary",
      )}
    >
      {movable && overlay ? (
        <span className="-ml-1 grid h-7 w-6 shrink-0 place-items-center text-muted-foreground">
          <GripVertical aria-hidden="true" className="size-4" />
        </span>
      ) : movable ? (
        <button
          type="button"
          {...attributes}
          {...listeners}
          aria-label={t("kanban.card.move", { title })}
          className="-ml-1 grid h-7 w-6 shrink-0 cursor-grab touch-none place-items-center rounded text-muted-foreground hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring active:cursor-grabbing"
        >
          <GripVertical aria-hidden="true" className="size-4" />
        </button>
      ) : null}
      <CardBody entity={entity} title={title} fields={fields} {...(overlay ? {} : { href })} />
    </article>
  );
}
