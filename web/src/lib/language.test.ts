import { expect, test } from "vitest";
import { detectLanguage } from "./language.ts";

test.each([
  { name: "saved choice wins", saved: "de", preferred: ["en-US"], expected: "de" },
  { name: "unknown saved value ignored", saved: "fr", preferred: ["de-AT"], expected: "de" },
  { name: "regional tag matches base", saved: null, preferred: ["de-CH", "en"], expected: "de" },
  { name: "first supported wins", saved: null, preferred: ["fr-FR", "en-GB", "de"], expected: "en" },
  { name: "nothing supported", saved: null, preferred: ["fr", "it"], expected: "en" },
  { name: "no preferences", saved: null, preferred: [], expected: "en" },
])("$name", ({ saved, preferred, expected }) => {
  expect(detectLanguage(saved, preferred)).toBe(expected);
});
