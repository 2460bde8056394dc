import type { HubReply } from '../../../src-shared/hub/contract';
import { ApiError, call } from './api';

export interface UploadOutcome {
  ok: boolean;
  message: string;
  problems: string[];
  warnings: string[];
}

/**
 * Publishing a pack in two steps: the hub checks the zip and says what publishing it would do, and only the
 * trainer's "Publish" sends it again to publish, since a published version can never be replaced.
 */
export class PackUpload {
  busy = $state<'checking' | 'publishing' | null>(null);
  preview = $state<HubReply<'dashboardCheckPack'> | null>(null);
  outcome = $state<UploadOutcome | null>(null);
  #zip: ArrayBuffer | null = null;

  async check(file: File): Promise<void> {
    this.reset();
    this.busy = 'checking';
    try {
      this.#zip = await file.arrayBuffer();
      this.preview = await call('dashboardCheckPack', { zip: this.#zip });
    } catch (failure) {
      this.outcome = refusal(failure);
    } finally {
      this.busy = null;
    }
  }

  /** Publishes the zip just checked; true when it was published (or already was, byte for byte). */
  async publish(): Promise<boolean> {
    if (!this.#zip || !this.preview) return false;
    this.busy = 'publishing';
    try {
      const published = await call('dashboardPublishPack', { zip: this.#zip });
      this.outcome = {
        ok: true,
        message: published.created
          ? `Published “${published.title}” ${published.version}.`
          : `“${published.title}” ${published.version} was already published with these exact bytes.`,
        problems: [],
        warnings: published.warnings,
      };
      this.preview = null;
      this.#zip = null;
      return true;
    } catch (failure) {
      this.outcome = refusal(failure);
      return false;
    } finally {
      this.busy = null;
    }
  }

  reset(): void {
    this.preview = null;
    this.outcome = null;
    this.#zip = null;
  }
}

function refusal(failure: unknown): UploadOutcome {
  return {
    ok: false,
    message: failure instanceof Error ? failure.message : String(failure),
    problems: failure instanceof ApiError ? failure.problems : [],
    warnings: [],
  };
}

/** What publishing would do, in a sentence. */
export function previewVerdict(preview: HubReply<'dashboardCheckPack'>): string {
  const name = `“${preview.title}” ${preview.version}`;
  if (preview.publish === 'already-published') return `${name} is already published with these exact bytes.`;
  if (preview.publish === 'version-taken') {
    return `${preview.version} is already published with different contents and can't be replaced: raise the version in pack.yaml.`;
  }
  if (preview.olderThanLatest) {
    return `${name} is older than the published ${preview.latestPublished ?? ''}: devices that have the latest keep it.`;
  }
  return preview.latestPublished
    ? `${name} replaces ${preview.latestPublished} on every device at its next sync.`
    : `${name} is new: every device gets it at its next sync.`;
}
