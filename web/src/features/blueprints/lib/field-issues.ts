import { BlueprintFieldsSchema, FieldDefinitionSchema } from "@flexoffice/shared";
import { cleanField, type DraftField } from "./draft.ts";

/** Messages of the `issues` group of the blueprints catalogue. */
export type IssueKey =
  | "key"
  | "keyReserved"
  | "keyDuplicate"
  | "label"
  | "description"
  | "options"
  | "optionValue"
  | "optionLabel"
  | "range"
  | "rangeOrder"
  | "lengths"
  | "pattern"
  | "precision"
  | "scale"
  | "reference"
  | "referenceRequired"
  | "default"
  | "currencies"
  | "status"
  | "notAllowed";

/** One problem of a field in the draft: which property (the editor shows it there) and what to say. */
export type FieldIssue = { property: string; key: IssueKey; detail: string };

type ZodIssue = { path: PropertyKey[]; message: string; code?: string };

/** The schema's message without the `"weight": ` prefix the shared checks put first: the designer shows it at the field. */
const detailOf = (message: string) => message.replace(/^"[^"]*": /, "");

function issueKey(path: PropertyKey[], message: string): IssueKey {
  const [property, index, sub] = path;
  switch (property) {
    case "key":
      return /system|reserved/.test(message) ? "keyReserved" : "key";
    case "label":
      return "label";
    case "description":
      return "description";
    case "options":
      if (index === undefined) return "options";
      return sub === "label" ? "optionLabel" : "optionValue";
    case "min":
    case "max":
      return /at most max/.test(message) ? "rangeOrder" : "range";
    case "min_length":
    case "max_length":
      return "lengths";
    case "pattern":
      return "pattern";
    case "precision":
      return "precision";
    case "scale":
      return "scale";
    case "reference":
      return index === "on_delete" ? "referenceRequired" : "reference";
    case "default":
      return "default";
    case "currencies":
      return "currencies";
    default:
      return "notAllowed";
  }
}

/**
 * What the shared schema (the same rules the database applies) says about each field of the
 * draft, keyed by the field's designer id. Checked before saving, so a problem shows at the
 * field instead of coming back from the server one at a time.
 */
export function draftIssues(fields: readonly DraftField[]): Map<string, FieldIssue[]> {
  const issues = new Map<string, FieldIssue[]>();
  const add = (uid: string, issue: FieldIssue) => issues.set(uid, [...(issues.get(uid) ?? []), issue]);
  for (const item of fields) {
    const parsed = FieldDefinitionSchema.safeParse(cleanField(item.field));
    if (parsed.success) continue;
    for (const issue of parsed.error.issues as ZodIssue[]) {
      const property = String(issue.path[0] ?? "key");
      add(item.uid, { property, key: issueKey(issue.path, issue.message), detail: detailOf(issue.message) });
    }
  }
  const list = BlueprintFieldsSchema.safeParse(fields.map((item) => cleanField(item.field)));
  if (!list.success) {
    for (const issue of list.error.issues as ZodIssue[]) {
      const [index, property] = issue.path;
      const item = typeof index === "number" ? fields[index] : undefined;
      if (!item || (property !== "key" && property !== "type")) continue;
      if (property === "type") add(item.uid, { property: "type", key: "status", detail: detailOf(issue.message) });
      else if (/used twice/.test(issue.message))
        add(item.uid, { property: "key", key: "keyDuplicate", detail: detailOf(issue.message) });
    }
  }
  return issues;
}
