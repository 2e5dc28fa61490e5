import type { RateLimitSetting } from "./settings.ts";

type Bucket = { tokens: number; updatedAt: number };

/**
 * Token buckets per key, the model GoTrue's limiters use (tollbooth): `limit` requests
 * at once, refilling at `limit` per window. Idle keys are forgotten after an hour.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep: number;

  constructor(
    private readonly setting: RateLimitSetting,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSweep = now();
  }

  /** Takes one request from the key's bucket; false when the key is over its limit. */
  take(key: string): boolean {
    const now = this.now();
    this.sweep(now);
    const capacity = Math.max(0, this.setting.limit);
    const perMs = capacity / (this.setting.windowSeconds * 1000);
    const bucket = this.buckets.get(key) ?? { tokens: capacity, updatedAt: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * perMs);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, b] of this.buckets) if (now - b.updatedAt > 3_600_000) this.buckets.delete(key);
  }
}
