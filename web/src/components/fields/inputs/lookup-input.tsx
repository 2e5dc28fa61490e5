import { X } from "lucide-react";
import { type KeyboardEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useDebounced } from "../../../lib/use-debounced.ts";
import { Button } from "../../ui/button.tsx";
import { cn } from "../../ui/cn.ts";
import { Input } from "../../ui/input.tsx";
import { describedBy, type LookupLabel, type LookupOption, type LookupOptions, type TypedInputProps } from "./control-props.ts";

type LookupInputProps = TypedInputProps<unknown> & {
  loadOptions?: LookupOptions | undefined;
  loadLabel?: LookupLabel | undefined;
};

type SearchState = { status: "idle" | "loading" | "done" | "error"; options: LookupOption[] };

const shortId = (id: string) => `${id.slice(0, 8)}…`;

/** The label of the chosen id: asked of the caller, else looked for among the first entries, else a short id. */
function useChosenLabel(props: LookupInputProps, id: string | null, known: Map<string, string>): string {
  const { field, loadOptions, loadLabel } = props;
  const [label, setLabel] = useState<{ id: string; label: string } | null>(null);
  const cached = id ? known.get(id) : undefined;
  useEffect(() => {
    if (!id || cached) return;
    let live = true;
    const resolve = async () => {
      const named = loadLabel ? await loadLabel(field, id) : (await loadOptions?.(field, ""))?.find((o) => o.id === id)?.label;
      if (live && named) setLabel({ id, label: named });
    };
    resolve().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [id, cached, field, loadOptions, loadLabel]);
  if (!id) return "";
  return cached ?? (label?.id === id ? label.label : shortId(id));
}

/**
 * Picks an entity (reference) or a member (member) by typing part of its name: an ARIA 1.2
 * combobox. Arrow keys move through the matches, Enter picks, Escape closes and restores
 * the chosen entry. The search itself is the caller's (`loadOptions`), so this component
 * never reads data.
 */
export function LookupInput(props: LookupInputProps) {
  const {
    field,
    value,
    onChange,
    loadOptions,
    id,
    disabled,
    ref,
    onBlur,
    name,
    "aria-invalid": invalid,
    "aria-describedby": ariaDescribedBy,
  } = props;
  const { t } = useTranslation();
  const listId = useId();
  const statusId = useId();
  const chosenId = typeof value === "string" && value !== "" ? value : null;
  const [known] = useState(() => new Map<string, string>());
  const chosenLabel = useChosenLabel(props, chosenId, known);
  const [text, setText] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const search = useDebounced(text ?? "", 250);
  const [result, setResult] = useState<SearchState>({ status: "idle", options: [] });

  useEffect(() => {
    if (!open || !loadOptions) return;
    let live = true;
    setResult((current) => ({ status: "loading", options: current.options }));
    loadOptions(field, search.trim())
      .then((options) => {
        if (!live) return;
        for (const option of options) known.set(option.id, option.label);
        setResult({ status: "done", options });
        setActive(options.length > 0 ? 0 : -1);
      })
      .catch(() => live && setResult({ status: "error", options: [] }));
    return () => {
      live = false;
    };
  }, [open, search, field, loadOptions, known]);

  const close = () => {
    setOpen(false);
    setText(null);
    setActive(-1);
  };
  const pick = (option: LookupOption) => {
    known.set(option.id, option.label);
    onChange(option.id);
    close();
  };
  const options = result.options;
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index) => (options.length === 0 ? -1 : (index + step + options.length) % options.length));
    } else if (event.key === "Enter" && open) {
      event.preventDefault();
      const option = options[active];
      if (option) pick(option);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  };

  const statusText =
    result.status === "loading"
      ? t("fields.searching")
      : result.status === "error"
        ? t("fields.searchFailed")
        : options.length === 0 && result.status === "done"
          ? search.trim()
            ? t("fields.noMatches", { search: search.trim() })
            : t("fields.noEntries")
          : "";

  return (
    <div className="relative">
      <div className="flex gap-2">
        <Input
          id={id}
          ref={ref}
          name={name}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={invalid}
          aria-describedby={describedBy(ariaDescribedBy, statusId)}
          autoComplete="off"
          disabled={disabled}
          placeholder={t("fields.searchHint")}
          value={text ?? chosenLabel}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          onBlur={() => {
            close();
            onBlur?.();
          }}
          onKeyDown={onKeyDown}
        />
        {chosenId && !field.required ? (
          <Button
            variant="ghost"
            size="icon"
            disabled={disabled}
            aria-label={t("fields.clear", { label: field.label })}
            onClick={() => onChange(null)}
          >
            <X aria-hidden="true" className="size-4" />
          </Button>
        ) : null}
      </div>
      <div
        id={listId}
        role="listbox"
        aria-label={field.label}
        hidden={!open || options.length === 0}
        className="absolute top-full z-50 mt-1 max-h-60 w-full overflow-y-auto rounded-md border bg-popover p-1 text-popover-foreground shadow-md"
      >
        {options.map((option, index) => (
          <div
            key={option.id}
            id={`${listId}-${index}`}
            role="option"
            tabIndex={-1}
            aria-selected={option.id === chosenId}
            className={cn(
              "cursor-pointer rounded px-2 py-1.5 text-sm",
              index === active && "bg-muted",
              option.id === chosenId && "font-medium",
            )}
            // Picking happens before the input's blur closes the list.
            onMouseDown={(event) => {
              event.preventDefault();
              pick(option);
            }}
            onMouseEnter={() => setActive(index)}
          >
            {option.label}
          </div>
        ))}
      </div>
      <p
        id={statusId}
        aria-live="polite"
        className={cn("text-xs text-muted-foreground", open && statusText ? "mt-1" : "sr-only")}
      >
        {open ? statusText : ""}
      </p>
    </div>
  );
}
