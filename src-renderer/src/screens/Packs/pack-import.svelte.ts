import type { ApiError } from '../../../../src-shared/api/errors';
import type { ImportPhase, InstallResult } from '../../../../src-shared/packs/imports';
import { api, toApiError } from '../../lib/api';
import { uploadFile, type Chosen } from '../../lib/upload';

export type ImportView =
  | { step: 'idle' }
  | { step: 'uploading'; name: string; fraction: number }
  | { step: 'importing'; name: string; phase: ImportPhase; fraction: number }
  | { step: 'done'; result: InstallResult }
  | { step: 'failed'; error: ApiError };

export const phaseWords: Record<ImportPhase, string> = {
  extracting: 'Unpacking',
  checking: 'Checking',
  installing: 'Installing',
};

/** The line that ends a cut list of problems, "and 39,900 more problems": words, not a location. */
export function isCountOfTheRest(line: string): boolean {
  return /^and [\d,]+ more /.test(line);
}

const POLL_MS = 150;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One import at a time: upload (browser) or dialog (desktop), then the main process's job, polled. */
export class PackImport {
  view = $state<ImportView>({ step: 'idle' });
  busy = $derived(this.view.step === 'uploading' || this.view.step === 'importing');

  constructor(private readonly onInstalled: () => void) {}

  async fromDialog(): Promise<void> {
    await this.run(async () => api.choosePackFile({}));
  }

  async fromFile(file: File): Promise<void> {
    await this.run(async () => {
      this.view = { step: 'uploading', name: file.name, fraction: 0 };
      return uploadFile(file, (sent, total) => {
        this.view = { step: 'uploading', name: file.name, fraction: total > 0 ? sent / total : 0 };
      });
    });
  }

  private async run(choose: () => Promise<Chosen | null>): Promise<void> {
    try {
      const chosen = await choose();
      if (!chosen) {
        this.view = { step: 'idle' };
        return;
      }
      const { jobId } = await api.startPackImport({ uploadId: chosen.uploadId });
      for (;;) {
        const status = await api.getPackImport({ jobId });
        if (status.state === 'done') {
          this.view = { step: 'done', result: status.result };
          this.onInstalled();
          return;
        }
        if (status.state === 'failed') {
          this.view = { step: 'failed', error: status.error };
          return;
        }
        const fraction = status.total > 0 ? status.done / status.total : 0;
        this.view = { step: 'importing', name: chosen.name, phase: status.phase, fraction };
        await wait(POLL_MS);
      }
    } catch (error) {
      this.view = { step: 'failed', error: toApiError(error) };
    }
  }
}
