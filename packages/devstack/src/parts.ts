import type { StackConfig } from "./config/stack-config.ts";
import type { Logger } from "./process/log.ts";

/**
 * What the supervisor hands each stack part. A part resolves its start promise once it
 * is ready to serve (listening, connected), and calls `onFatal` if it later breaks so the
 * whole stack stops instead of limping on.
 */
export type PartContext = {
  config: StackConfig;
  logger: Logger;
  onFatal(error: Error): void;
};

/** A running stack part. `stop` releases every socket, connection, timer and child. */
export type StackPart = {
  name: string;
  stop(): Promise<void>;
};
