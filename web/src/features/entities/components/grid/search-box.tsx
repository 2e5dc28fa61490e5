import { Search, X } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Input } from "../../../../components/ui/input.tsx";

/** Waits this long after the last keystroke before the grid asks again. */
const SEARCH_DELAY_MS = 300;

type SearchBoxProps = {
  value: string;
  onChange: (value: string) => void;
  /** Changes when the grid switches views, so the box shows the view's search again. */
  resetKey: string;
};

/** Free-text search over the readable text fields (query_entities' p_search), asked after a pause in typing. */
export function SearchBox({ value, onChange, resetKey }: SearchBoxProps) {
  const { t } = useTranslation("entities");
  const id = useId();
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only another view (resetKey) replaces what is typed
  useEffect(() => {
    clearTimeout(timer.current);
    setText(value);
  }, [resetKey]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const set = (next: string, immediately = false) => {
    setText(next);
    clearTimeout(timer.current);
    if (immediately) onChange(next);
    else timer.current = setTimeout(() => onChange(next), SEARCH_DELAY_MS);
  };

  return (
    <div className="relative min-w-40 flex-1 lg:w-64 lg:flex-none">
      <label htmlFor={id} className="sr-only">
        {t("grid.toolbar.search")}
      </label>
      <Search
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
      />
      <Input
        id={id}
        type="search"
        value={text}
        maxLength={200}
        placeholder={t("grid.toolbar.searchPlaceholder")}
        onChange={(event) => set(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") set(text, true);
        }}
        className="h-8 pr-8 pl-8 [&::-webkit-search-cancel-button]:hidden"
      />
      {text ? (
        <button
          type="button"
          aria-label={t("grid.toolbar.clearSearch")}
          onClick={() => set("", true)}
          className="absolute top-1/2 right-1 flex size-6 -translate-y-1/2 items-center justify-center rounded text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <X aria-hidden="true" className="size-3.5" />
        </button>
      ) : null}
    </div>
  );
}
