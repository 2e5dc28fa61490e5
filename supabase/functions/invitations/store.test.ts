import { describe, expect, test } from "vitest";
import { refusalFromError } from "./store.ts";

describe("refusalFromError", () => {
  test("reads a private.raise_error refusal: body from the message, status from the detail", () => {
    const error = Object.assign(
      new Error('{"code" : "FONF0", "message" : "No such invitation.", "details" : "{}", "hint" : null}'),
      {
        code: "PGRST",
        detail: '{"status" : 404, "headers" : {}}',
      },
    );
    expect(refusalFromError(error)).toEqual({
      result: "refused",
      status: 404,
      error: { code: "FONF0", message: "No such invitation.", details: "{}", hint: null },
    });
  });

  test.each([
    { name: "another SQLSTATE", error: Object.assign(new Error("boom"), { code: "23505" }) },
    { name: "a PGRST error whose message is no JSON", error: Object.assign(new Error("boom"), { code: "PGRST" }) },
    { name: "no error object", error: "boom" },
  ])("leaves $name alone", ({ error }) => {
    expect(refusalFromError(error)).toBeNull();
  });
});
