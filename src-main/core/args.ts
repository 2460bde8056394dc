import { parseArgs } from 'node:util';

/** A mistake on the command line, told in one line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface HostArgs {
  dataDir: string | undefined;
  port: number;
  browser: boolean;
}

/** The flags both launchers accept: `--data-dir DIR`, `--port N`, `--browser`. */
export function parseHostArgs(argv: string[]): HostArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      browser: { type: 'boolean', default: false },
    },
    // Electron and Chromium add switches of their own; they are not ours to reject.
    strict: false,
    allowPositionals: true,
  });
  const rawPort = values.port;
  let port = 0;
  if (rawPort !== undefined) {
    port = Number(rawPort);
    if (typeof rawPort !== 'string' || !Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`--port must be a whole number from 0 to 65535, not "${String(rawPort)}".`);
    }
  }
  const dataDir = values['data-dir'];
  if (dataDir !== undefined && typeof dataDir !== 'string') {
    throw new UsageError('--data-dir needs a folder, as in --data-dir ~/advocate-data.');
  }
  return { dataDir, port, browser: values.browser === true };
}
