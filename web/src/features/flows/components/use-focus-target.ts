import { useEffect, useRef } from "react";
import { useFlowEditor } from "./editor-context.tsx";

/**
 * A ref for a side-panel control that takes focus when the editor asks for it: after "Edit"
 * in the list, after adding something, or when saving found a problem there. Text is
 * selected so a default name is replaced by typing.
 */
export function useFocusTarget<T extends HTMLElement>(id: string, control: string) {
  const { focusRequest } = useFlowEditor();
  const ref = useRef<T | null>(null);
  useEffect(() => {
    if (!focusRequest || focusRequest.id !== id || focusRequest.control !== control) return;
    const element = ref.current;
    if (!element) return;
    element.focus();
    if (element instanceof HTMLInputElement && element.type === "text") element.select();
  }, [focusRequest, id, control]);
  return ref;
}
