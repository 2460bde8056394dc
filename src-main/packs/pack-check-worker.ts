// The worker thread that checks packs (started by off-thread.ts): one job at a time, as the main side sends them.
import { parentPort } from 'node:worker_threads';
import { checkPack, type PackCheckJob } from './pack-check';
import type { WorkerReply } from './off-thread';

const port = parentPort;
if (port === null) throw new Error('pack-check-worker.ts runs as a worker thread only.');

port.on('message', (message: { id: number; job: PackCheckJob }) => {
  const { id, job } = message;
  const send = (reply: WorkerReply) => port.postMessage(reply);
  checkPack(job, (phase, done, total) => send({ id, type: 'progress', phase, done, total })).then(
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
