import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { AppError } from '../../src-shared/api/errors';
import type { ImportStatus } from '../../src-shared/packs/imports';
import type { Logger } from '../core/logger';
import { installPackZip, type PackStoreDeps } from './install';

interface Upload {
  file: string;
  name: string;
  /** Uploaded copies are ours to delete once imported; a file chosen in a dialog is the person's. */
  temporary: boolean;
}

/** How long a finished import's outcome stays readable by the page that started it. */
const KEEP_FINISHED_MS = 10 * 60 * 1000;

/**
 * Pack imports run as jobs: a page starts one and polls its status, so a long import can show a
 * progress bar over either transport. Uploads are registered by id so the page never names a path.
 */
export function createImportJobs(deps: PackStoreDeps, logger: Logger) {
  const uploads = new Map<string, Upload>();
  const jobs = new Map<string, ImportStatus>();

  function registerUpload(upload: Upload): string {
    const id = randomUUID();
    uploads.set(id, upload);
    return id;
  }

  function start(uploadId: string): string {
    const upload = uploads.get(uploadId);
    if (!upload)
      throw new AppError('NOT_FOUND', 'That upload is no longer available; choose the file again.');
    uploads.delete(uploadId);
    const jobId = randomUUID();
    jobs.set(jobId, { state: 'running', phase: 'extracting', done: 0, total: 1 });
    installPackZip(deps, upload.file, 'imported', (phase, done, total) =>
      jobs.set(jobId, { state: 'running', phase, done, total }),
    )
      .then((result) => jobs.set(jobId, { state: 'done', result }))
      .catch((error: unknown) => {
        if (!(error instanceof AppError)) logger.error(`import of ${upload.name} failed`, error);
        const apiError =
          error instanceof AppError
            ? error.toApiError()
            : { code: 'INTERNAL' as const, message: `The import of ${upload.name} failed: ${String(error)}` };
        jobs.set(jobId, { state: 'failed', error: apiError });
      })
      .finally(() => {
        if (upload.temporary) rmSync(upload.file, { force: true });
        setTimeout(() => jobs.delete(jobId), KEEP_FINISHED_MS).unref();
      });
    return jobId;
  }

  function status(jobId: string): ImportStatus {
    const job = jobs.get(jobId);
    if (!job) throw new AppError('NOT_FOUND', 'There is no such import (it may have finished a while ago).');
    return job;
  }

  return { registerUpload, start, status };
}

export type ImportJobs = ReturnType<typeof createImportJobs>;
