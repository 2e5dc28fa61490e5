import { createRequire } from "node:module";

/** realtime-js's own (2.0.0) serializer, to compare our frames with what the SDK writes and reads. */
export type SdkSerializer = {
  encode(msg: Record<string, unknown>, callback: (result: ArrayBuffer | string) => void): void;
  decode(raw: ArrayBuffer | string, callback: (msg: unknown) => void): void;
};

// The class is not exported from the package entry; load its CommonJS build directly.
const require = createRequire(import.meta.url);
export const RealtimeSerializer = (
  require("@supabase/realtime-js/dist/main/lib/serializer.js") as { default: new () => SdkSerializer }
).default;
