import { BookmarkPlus, ChevronDown, Eye, Pencil, Trash2, Users } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../../components/ui/button.tsx";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "../../../../components/ui/dropdown-menu.tsx";
import type { SavedView } from "../../api/saved-views-query.ts";

type ViewPickerProps = {
  views: SavedView[];
  current: SavedView | null;
  userId: string;
  /** The user may change the current view (its owner, or an Admin). */
  canEditCurrent: boolean;
  onSelect: (id: string | null) => void;
  onSaveAs: () => void;
  onEdit: () => void;
  onDelete: () => void;
};

const ALL = "__all";

/** Chooses the grid's saved view (the address follows) and offers what can be done with it. */
export function ViewPicker({ views, current, userId, canEditCurrent, onSelect, onSaveAs, onEdit, onDelete }: ViewPickerProps) {
  const { t } = useTranslation("entities");
  const name = current?.name ?? t("views.allRecords");
  const mine = views.filter((view) => view.ownerId === userId);
  const others = views.filter((view) => view.ownerId !== userId);
  const item = (view: SavedView) => (
    <DropdownMenuRadioItem key={view.id} value={view.id}>
      <span className="flex-1 truncate">{view.name}</span>
      {view.shared ? <Users aria-label={t("views.sharedBadge")} className="size-3.5 text-muted-foreground" /> : null}
    </DropdownMenuRadioItem>
  );
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" aria-label={t("views.pickerLabel", { name })} className="max-w-64">
          <Eye aria-hidden="true" className="size-4" />
          <span className="truncate">{name}</span>
          <ChevronDown aria-hidden="true" className="size-4" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="max-h-[70dvh] w-72 overflow-y-auto">
        <DropdownMenuRadioGroup value={current?.id ?? ALL} onValueChange={(value) => onSelect(value === ALL ? null : value)}>
          <DropdownMenuRadioItem value={ALL}>{t("views.allRecords")}</DropdownMenuRadioItem>
          {mine.length > 0 ? (
            <DropdownMenuGroup>
              <DropdownMenuLabel>{t("views.mine")}</DropdownMenuLabel>
              {mine.map(item)}
            </DropdownMenuGroup>
          ) : null}
          {others.length > 0 ? (
            <DropdownMenuGroup>
              <DropdownMenuLabel>{t("views.shared")}</DropdownMenuLabel>
              {others.map(item)}
            </DropdownMenuGroup>
          ) : null}
        </DropdownMenuRadioGroup>
        {views.length === 0 ? <p className="px-2 py-1.5 text-sm text-muted-foreground">{t("views.noViews")}</p> : null}
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={onSaveAs}>
          <BookmarkPlus aria-hidden="true" className="size-4" />
          {t("views.saveAs")}
        </DropdownMenuItem>
        {current && canEditCurrent ? (
          <>
            <DropdownMenuItem onSelect={onEdit}>
              <Pencil aria-hidden="true" className="size-4" />
              {t("views.rename")}
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={onDelete} className="text-destructive">
              <Trash2 aria-hidden="true" className="size-4" />
              {t("views.delete")}
            </DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
