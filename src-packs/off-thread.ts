import { Worker } from 'node:worker_threads';
import { PACK_LIMITS } from '../src-shared/packs/limits';
import type { PackCheckJob, PackCheckOutcome, PackCheckPhase } from './pack-check';
import { packWorkerScript } from './worker-script';
import { formatBytes } from './zip/errors';

export type WorkerReply =
  | { id: number; type: 'progress'; phase: PackCheckPhase; done: number; total: number }
  | { id: number; type: 'outcome'; outcome: PackCheckOutcome }
  | { id: number; type: 'error'; message: string; stack: string };

/** The worker could not finish the check: it ran out of time or memory, or failed outright. */
export class PackCheckFailed extends Error {
  override readonly name = 'PackCheckFailed';
  constructor(
    readonly reason: 'time' | 'memory' | 'crash',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** An idle worker is kept this long for the next pack (sync often pulls several), then let go with its memory. */
const KEEP_IDLE_MS = 15_000;
let idle: { worker: Worker; timer: NodeJS.Timeout; onExit: () => void } | null = null;
let nextId = 1;

/**
 * Checks a pack in a worker thread, so the host's and the hub's event loops keep answering while a big or
 * hostile pack is unpacked and validated. The worker has a memory cap and a time limit; past either it is
 * stopped and the check fails with PackCheckFailed.
 */
export function checkPackOffThread(
  job: PackCheckJob,
  onProgress: (phase: PackCheckPhase, done: number, total: number) => void = () => undefined,
): Promise<PackCheckOutcome> {
  const worker = takeWorker();
  const id = nextId++;
  return new Promise<PackCheckOutcome>((resolve, reject) => {
    const timer = setTimeout(() => {
      finish();
      void worker.terminate();
      const limit = `${PACK_LIMITS.workerSeconds} seconds`;
      reject(new PackCheckFailed('time', `Checking the pack took longer than ${limit}, so it was stopped.`));
    }, PACK_LIMITS.workerSeconds * 1000);
    const onMessage = (reply: WorkerReply) => {
      if (reply.id !== id) return;
      if (reply.type === 'progress') return onProgress(reply.phase, reply.done, reply.total);
      finish();
      returnWorker(worker);
      if (reply.type === 'outcome') resolve(reply.outcome);
      else reject(new PackCheckFailed('crash', `Checking the pack failed: ${reply.message}\n${reply.stack}`));
    };
    const onError = (error: Error) => {
      finish();
      reject(workerFailure(error));
    };
    const onExit = (code: number) => {
      finish();
      reject(new PackCheckFailed('crash', `The pack checker stopped unexpectedly (exit code ${code}).`));
    };
    function finish(): void {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    }
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.ref();
    worker.postMessage({ id, job });
  });
}

function workerFailure(error: Error): PackCheckFailed {
  if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    const limit = formatBytes(PACK_LIMITS.workerMemoryBytes);
    return new PackCheckFailed('memory', `Checking the pack needed more than ${limit} of memory.`, {
      cause: error,
    });
  }
  return new PackCheckFailed('crash', `The pack checker failed: ${error.message}`, { cause: error });
}

function takeWorker(): Worker {
  if (idle !== null) {
    const { worker, timer, onExit } = idle;
    idle = null;
    clearTimeout(timer);
    worker.off('exit', onExit);
    return worker;
  }
  const script = packWorkerScript();
  return new Worker(script.file, {
    eval: script.eval,
    resourceLimits: { maxOldGenerationSizeMb: PACK_LIMITS.workerMemoryBytes / 1024 / 1024 },
  });
}

/** Keeps one worker for the next pack; a second one (two checks at once) is let go. */
function returnWorker(worker: Worker): void {
  if (idle !== null) {
    void worker.terminate();
    return;
  }
  // An idle worker must not keep a CLI, a test or a closing host alive.
  worker.unref();
  const letGo = () => {
    if (idle?.worker !== worker) return;
    clearTimeout(idle.timer);
    idle = null;
  };
  const timer = setTimeout(() => {
    letGo();
    void worker.terminate();
  }, KEEP_IDLE_MS);
  timer.unref();
  worker.once('exit', letGo);
  idle = { worker, timer, onExit: letGo };
}
