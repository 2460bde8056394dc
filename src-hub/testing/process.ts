import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const projectRoot = join(import.meta.dirname, '..', '..');

/** `npm run hub -- …` as a child process: Node with tsx's loader, as the hub script runs it. */
export function spawnHubCli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src-hub/cli.ts', ...args], {
    cwd: projectRoot,
    env: { ...process.env, HUB_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs an admin command to its end. */
export function runHubCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnHubCli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface RunningHub {
  child: ChildProcess;
  url: string;
  /** Every log line so far (pino JSON). */
  logs: string[];
  exited: Promise<number | null>;
}

/** Starts `npm run hub -- --port 0 …` and waits for its "listening" log line. */
export function startHubProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningHub> {
  const child = spawnHubCli(['--port', '0', ...args], env);
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (match?.[1]) resolve({ child, url: match[1], logs, exited });
      }
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    void exited.then((code) => reject(new Error(`the hub exited with ${code} before listening: ${stderr}`)));
  });
}
