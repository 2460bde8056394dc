// The worker thread that checks packs (started by off-thread.ts): one job at a time, as the main side sends them.
import { parentPort } from 'node:worker_threads';
import { checkPack, type PackCheckJob, type PackCheckPhase } from './pack-check';
import type { WorkerReply } from './off-thread';

const port = parentPort;
if (port === null) throw new Error('pack-check-worker.ts runs as a worker thread only.');

/** Progress is sent at most this often: extraction reports every chunk, and each message costs both threads. */
const PROGRESS_EVERY_MS = 100;

port.on('message', (message: { id: number; job: PackCheckJob }) => {
  const { id, job } = message;
  const send = (reply: WorkerReply) => port.postMessage(reply);
  let sentAt = 0;
  let sentPhase = '';
  const progress = (phase: PackCheckPhase, done: number, total: number) => {
    const now = Date.now();
    if (phase === sentPhase && done < total && now - sentAt < PROGRESS_EVERY_MS) return;
    [sentAt, sentPhase] = [now, phase];
    send({ id, type: 'progress', phase, done, total });
  };
  checkPack(job, progress).then(
    (outcome) => send({ id, type: 'outcome', outcome }),
    (error: unknown) =>
      send({
        id,
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
        stack: error instanceof Error ? (error.stack ?? '') : '',
      }),
  );
});
