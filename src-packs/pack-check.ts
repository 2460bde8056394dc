import type { PackZipErrorCode } from './zip/errors';
import { extractPackZip, PackZipError } from './zip/extract';
import { validatePackFolder, type LoadedPack, type PackReport } from './validate';

/** One pack to check: a zip to unpack into `folder` first, or a folder already in place. */
export interface PackCheckJob {
  folder: string;
  zipFile?: string;
  /** Leave out the items' bodies and details from the answer, for callers that need only the manifest. */
  manifestOnly?: boolean;
}

export type PackCheckPhase = 'extracting' | 'checking';

export type PackCheckOutcome =
  | { kind: 'report'; report: PackReport }
  | { kind: 'zip-refused'; code: PackZipErrorCode; entry: string | null; message: string };

/**
 * Unpacks (when given a zip) and validates a pack: the CPU-heavy part of an import or an upload, which runs
 * in a worker (see off-thread.ts) so the host and the hub keep answering meanwhile.
 */
export async function checkPack(
  job: PackCheckJob,
  onProgress: (phase: PackCheckPhase, done: number, total: number) => void = () => undefined,
): Promise<PackCheckOutcome> {
  if (job.zipFile !== undefined) {
    try {
      await extractPackZip(job.zipFile, job.folder, {
        onProgress: (done, total) => onProgress('extracting', done, total),
      });
    } catch (error) {
      if (!(error instanceof PackZipError)) throw error;
      return { kind: 'zip-refused', code: error.code, entry: error.entry, message: error.message };
    }
  }
  onProgress('checking', 0, 1);
  const report = validatePackFolder(job.folder, {
    onProgress: (done, total) => onProgress('checking', done, total),
  });
  if (job.manifestOnly && report.pack) report.pack = manifestOnly(report.pack);
  return { kind: 'report', report };
}

function manifestOnly(pack: LoadedPack): LoadedPack {
  return { ...pack, items: pack.items.map((item) => ({ ...item, body: '', details: {} })) };
}
