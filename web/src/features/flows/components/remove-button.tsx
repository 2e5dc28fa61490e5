import { X } from "lucide-react";
import { Button } from "../../../components/ui/button.tsx";

/** The "remove" of an input or update, on the top edge of its box beside the legend. */
export function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button variant="ghost" size="icon" aria-label={label} className="absolute -top-5 right-2 size-8 bg-card" onClick={onClick}>
      <X aria-hidden="true" className="size-4" />
    </Button>
  );
}
