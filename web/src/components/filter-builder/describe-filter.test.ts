import type { Filter } from "@flexoffice/shared";
import i18next from "i18next";
import { beforeAll, describe, expect, test } from "vitest";
import { de } from "../../locales/de.ts";
import { en } from "../../locales/en.ts";
import { describeFilter } from "./describe-filter.ts";
import type { BuilderField } from "./filter-tree.ts";

const FIELDS: BuilderField[] = [
  {
    key: "status",
    label: "Status",
    type: "status",
    options: [
      { value: "OPEN", label: "Open" },
      { value: "DONE", label: "Delivered" },
    ],
  },
  { key: "driver", label: "Driver", type: "member" },
  { key: "title", label: "Title", type: "text" },
  { key: "weight", label: "Weight", type: "number" },
  { key: "due", label: "Due", type: "date" },
  { key: "paid", label: "Paid", type: "boolean" },
  { key: "tags", label: "Tags", type: "multi_select", options: [{ value: "red", label: "Red" }] },
];

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({
    lng: "en",
    resources: { en: { translation: en }, de: { translation: de } },
    interpolation: { escapeValue: false },
  });
});

describe("describeFilter", () => {
  test.each<{ name: string; filter: Filter | null; text: string }>([
    { name: "no filter", filter: null, text: "everything" },
    {
      name: "the chip example",
      filter: {
        and: [
          { field: "status", op: "eq", value: "DONE" },
          { field: "driver", op: "eq", value: { var: "user.id" } },
        ],
      },
      text: "Status is Delivered and Driver is me",
    },
    { name: "quoted text", filter: { field: "title", op: "contains", value: "box" }, text: "Title contains “box”" },
    {
      name: "negated contains",
      filter: { not: { field: "title", op: "contains", value: "x" } },
      text: "Title does not contain “x”",
    },
    { name: "empty", filter: { field: "title", op: "is_null", value: true }, text: "Title is empty" },
    { name: "not empty", filter: { field: "title", op: "is_null", value: false }, text: "Title is not empty" },
    { name: "range", filter: { field: "weight", op: "between", value: [1, 5] }, text: "Weight is between 1 and 5" },
    { name: "date words", filter: { field: "due", op: "lt", value: { var: "now" } }, text: "Due is before now" },
    {
      name: "list of options",
      filter: { field: "status", op: "in", value: ["OPEN", "DONE"] },
      text: "Status is any of Open or Delivered",
    },
    { name: "boolean", filter: { field: "paid", op: "eq", value: false }, text: "Paid is No" },
    { name: "multi select", filter: { field: "tags", op: "contains", value: "red" }, text: "Tags includes Red" },
    {
      name: "member attribute",
      filter: { field: "title", op: "eq", value: { var: "member.region" } },
      text: "Title is my “region” attribute",
    },
    {
      name: "nested groups in parentheses",
      filter: {
        or: [
          { field: "paid", op: "eq", value: true },
          {
            and: [
              { field: "weight", op: "gt", value: 2 },
              { field: "status", op: "neq", value: "OPEN" },
            ],
          },
        ],
      },
      text: "Paid is Yes or (Weight is greater than 2 and Status is not Open)",
    },
    {
      name: "negated group",
      filter: {
        not: {
          or: [
            { field: "weight", op: "eq", value: 1 },
            { field: "weight", op: "eq", value: 2 },
          ],
        },
      },
      text: "not (Weight is 1 or Weight is 2)",
    },
    { name: "unknown field falls back to its key", filter: { field: "gone", op: "eq", value: "x" }, text: "gone is “x”" },
  ])("$name", ({ filter, text }) => {
    expect(describeFilter(filter, FIELDS, i18n.getFixedT("en"))).toBe(text);
  });

  test("labels the caller gives for variables win", () => {
    const filter: Filter = { field: "driver", op: "eq", value: { var: "user.id" } };
    expect(describeFilter(filter, FIELDS, i18n.getFixedT("en"), [{ name: "user.id", label: "the signed-in member" }])).toBe(
      "Driver is the signed-in member",
    );
  });

  test("German", () => {
    const filter: Filter = {
      and: [
        { field: "status", op: "eq", value: "DONE" },
        { field: "title", op: "starts_with", value: "A" },
      ],
    };
    expect(describeFilter(filter, FIELDS, i18n.getFixedT("de"))).toBe("Status ist Delivered und Title beginnt mit „A“");
  });
});
