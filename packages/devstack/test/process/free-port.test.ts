import { mkdtempSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { claimPort, freePort, portInUse } from "../../src/process/free-port.ts";

const folder = mkdtempSync(join(tmpdir(), "free-port-test-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("free ports for parallel stacks", () => {
  test("a port claimed by one process is not handed to another until the claim is old", () => {
    expect(claimPort(25001, folder)).toBe(true);
    expect(claimPort(25001, folder)).toBe(false);
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(join(folder, "25001"), old, old);
    expect(claimPort(25001, folder)).toBe(true);
    expect(claimPort(25001, folder)).toBe(false);
  });

  test("freePort hands out distinct, unused ports below the ephemeral range", async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20000);
      expect(port).toBeLessThanOrEqual(32767);
      expect(await portInUse(port)).toBe(false);
    }
  });
});
