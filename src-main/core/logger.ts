/** The main process's log: one line per event on stderr, with the stack for failures. */
export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export function createConsoleLogger(stream: NodeJS.WritableStream = process.stderr): Logger {
  const write = (level: string, message: string) =>
    stream.write(`${new Date().toISOString()} ${level} ${message}\n`);
  return {
    info: (message) => write('info ', message),
    error: (message, error) => {
      const detail =
        error instanceof Error
          ? `\n${error.stack ?? error.message}`
          : error === undefined
            ? ''
            : ` ${String(error)}`;
      write('error', `${message}${detail}`);
    },
  };
}

/** For tests: keeps what was logged so a test can assert on it. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info ${message}`),
    error: (message, error) =>
      lines.push(`error ${message} ${error instanceof Error ? (error.stack ?? '') : ''}`),
  };
}
