import { FIELD_TYPES, type FieldDefinition, type FieldType } from "@flexoffice/shared";
import { Plus } from "lucide-react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../components/ui/card.tsx";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "../../../components/ui/dropdown-menu.tsx";
import { toast } from "../../../components/ui/toast.ts";
import type { BlueprintSummary } from "../api/blueprints-query.ts";
import type { DraftActions } from "../hooks/use-draft.ts";
import type { DraftField } from "../lib/draft.ts";
import { FIELD_TYPE_ICONS } from "../lib/icons.ts";
import { FieldEditor, type FieldProblems } from "./field-editor.tsx";
import { FieldRow } from "./field-row.tsx";

type FieldsCardProps = {
  fields: readonly DraftField[];
  savedByKey: ReadonlyMap<string, FieldDefinition>;
  actions: DraftActions;
  problemsOf: (uid: string) => FieldProblems;
  expanded: string | null;
  onExpand: (uid: string | null) => void;
  timeZone: string;
  targets: readonly BlueprintSummary[];
  error?: string | undefined;
};

const NO_PROBLEMS: FieldProblems = { byProperty: new Map(), unplaced: [] };

/** The ordered fields of the blueprint: add, open, move (buttons or Alt+Arrow keys), remove. */
export function FieldsCard(props: FieldsCardProps) {
  const { fields, savedByKey, actions, problemsOf, expanded, onExpand, timeZone, targets, error } = props;
  const { t } = useTranslation("blueprints");
  const [announcement, setAnnouncement] = useState("");
  /** The field just added: its label box takes focus once the type menu has closed. */
  const focusLabel = useRef<string | null>(null);
  const labelInputs = useRef(new Map<string, HTMLInputElement>());

  const nameOf = (item: DraftField) => item.field.label.trim() || t("fieldList.untitled");
  const move = (item: DraftField, index: number, delta: number) => {
    const to = index + delta;
    if (to < 0 || to >= fields.length) return;
    actions.moveField(item.uid, delta);
    setAnnouncement(t("fieldList.moved", { name: nameOf(item), position: to + 1, count: fields.length }));
  };
  const remove = (item: DraftField) => {
    const undo = actions.removeField(item.uid);
    if (expanded === item.uid) onExpand(null);
    toast(t("fieldList.removed", { name: nameOf(item) }), {
      description: item.originalKey ? t("fieldList.removedSaved") : undefined,
      action: { label: t("fieldList.undo"), onClick: undo },
    });
  };
  const add = (type: FieldType) => {
    const uid = actions.addField(type);
    focusLabel.current = uid;
    onExpand(uid);
  };
  const focusAdded = () => {
    const uid = focusLabel.current;
    focusLabel.current = null;
    if (!uid) return false;
    const input = labelInputs.current.get(uid);
    input?.focus();
    input?.scrollIntoView({ block: "center" });
    return true;
  };

  return (
    <Card aria-labelledby="blueprint-fields-title">
      <CardHeader>
        <CardTitle id="blueprint-fields-title">{t("fieldList.title")}</CardTitle>
        <CardDescription>{t("fieldList.description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {fields.length === 0 ? (
          <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">{t("fieldList.empty")}</p>
        ) : (
          <ol aria-labelledby="blueprint-fields-title" className="grid gap-2">
            {fields.map((item, index) => {
              const problems = problemsOf(item.uid);
              const open = expanded === item.uid;
              return (
                <FieldRow
                  key={item.uid}
                  item={item}
                  saved={item.originalKey ? (savedByKey.get(item.originalKey) ?? null) : null}
                  index={index}
                  count={fields.length}
                  expanded={open}
                  hasProblems={problems.byProperty.size > 0 || problems.unplaced.length > 0}
                  onToggle={() => onExpand(open ? null : item.uid)}
                  onMove={(delta) => move(item, index, delta)}
                  onRemove={() => remove(item)}
                >
                  <FieldEditor
                    item={item}
                    saved={item.originalKey ? (savedByKey.get(item.originalKey) ?? null) : null}
                    actions={actions}
                    problems={problems ?? NO_PROBLEMS}
                    timeZone={timeZone}
                    targets={targets}
                    labelInputRef={(element) => {
                      if (element) labelInputs.current.set(item.uid, element);
                      else labelInputs.current.delete(item.uid);
                    }}
                  />
                </FieldRow>
              );
            })}
          </ol>
        )}
        {error ? <p className="text-sm text-destructive">{error}</p> : null}
        <div>
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="outline">
                <Plus aria-hidden="true" className="size-4" />
                {t("fieldList.add")}
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent
              align="start"
              className="max-h-96 overflow-y-auto"
              onCloseAutoFocus={(event) => {
                if (focusAdded()) event.preventDefault();
              }}
            >
              {FIELD_TYPES.map((type) => {
                const Icon = FIELD_TYPE_ICONS[type];
                return (
                  <DropdownMenuItem key={type} onSelect={() => add(type)} className="items-start">
                    <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
                    <span className="grid">
                      <span>{t(`types.${type}.name`)}</span>
                      <span className="text-xs text-muted-foreground">{t(`types.${type}.hint`)}</span>
                    </span>
                  </DropdownMenuItem>
                );
              })}
            </DropdownMenuContent>
          </DropdownMenu>
        </div>
        <p aria-live="polite" className="sr-only">
          {announcement}
        </p>
      </CardContent>
    </Card>
  );
}
