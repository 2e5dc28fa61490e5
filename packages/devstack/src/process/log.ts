/** A logger that prefixes every line with the stack part it comes from. */
export type Logger = {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  child(part: string): Logger;
};

export function createLogger(part = "stack", sink: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const write = (level: string, message: string) => {
    for (const line of message.split("\n")) sink(`${new Date().toISOString()} ${level} [${part}] ${line}`);
  };
  return {
    info: (m) => write("info ", m),
    warn: (m) => write("warn ", m),
    error: (m) => write("error", m),
    child: (p) => createLogger(p, sink),
  };
}
