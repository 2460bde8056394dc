import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

// The company hub driven as a program, as a company's admin runs it (`npm run hub -- …`): e2e does not import
// src-hub, since its tsconfig holds the app's sources only.

const projectRoot = join(import.meta.dirname, '..');

export interface HubProcess {
  url: string;
  child: ChildProcess;
}

/** `npm run hub -- <args>` without npm in between. */
export function hubCli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src-hub/cli.ts', ...args], {
    cwd: projectRoot,
    env: { ...process.env, HUB_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs an admin command to its end and returns what it printed; its stderr in the error when it fails. */
export async function runHubCliText(args: string[]): Promise<string> {
  const child = hubCli(args);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`hub ${args.join(' ')} exited ${String(code)}: ${stderr}`);
  return stdout;
}

/** An admin command's `--json` answer. */
export async function runHubCli<T>(args: string[]): Promise<T> {
  return JSON.parse(await runHubCliText([...args, '--json'])) as T;
}

/** A port nothing listens on now: for an address that goes into an invitation, or must come back the same. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts a hub over a data folder and resolves with its address once it listens. */
export async function startHub(dataDir: string, port = 0): Promise<HubProcess> {
  const child = hubCli(['--port', String(port), '--data-dir', dataDir]);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`the hub exited (${String(code)}) before listening: ${output}`)),
    );
  });
  return { url, child };
}

/** Stops a hub with SIGTERM, as an admin would, and waits for it to exit. */
export async function stopHub(hub: { child: ChildProcess }): Promise<void> {
  if (hub.child.exitCode !== null) return;
  const exited = new Promise((resolve) => hub.child.once('exit', resolve));
  hub.child.kill('SIGTERM');
  await exited;
}
