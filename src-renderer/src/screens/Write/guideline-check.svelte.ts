import type { ApiError } from '../../../../src-shared/api/errors';
import type { InstalledGuidelines } from '../../../../src-shared/writing/drafts';
import { acknowledgementKey, checkGuidelines, type Finding } from '../../../../src-shared/writing/guidelines';
import { api, toApiError } from '../../lib/api';
import type { MarkedSpan } from '../../lib/code-editor';
import type { DraftEditor } from './draft-editor.svelte';

export interface ShownFinding extends Finding {
  key: string;
  acknowledged: boolean;
  /** The pack whose guidelines found it, where the rule's lesson lives. */
  packId: string;
}

/**
 * The company guidelines (from installed course packs) run over the draft as the writer types: on the
 * same pause the preview waits for, so checking never slows typing. The rules are in src-shared; this
 * only feeds them the text and records acknowledgements.
 */
export class GuidelineCheck {
  /** Raw, not a deep proxy: the sets are read-only data, and the engine caches compiled rules per object. */
  installed = $state.raw<InstalledGuidelines[]>([]);
  loaded = $state(false);
  error = $state<ApiError | null>(null);
  readonly editor: DraftEditor;

  findings = $derived.by((): ShownFinding[] => this.check());
  open = $derived(this.findings.filter((finding) => !finding.acknowledged));
  marks = $derived(
    this.findings.map((finding): MarkedSpan => ({
      start: finding.start,
      end: finding.end,
      excerpt: finding.excerpt,
      severity: finding.severity,
      label: `${finding.title}${finding.acknowledged ? ' (acknowledged)' : ''}`,
    })),
  );

  constructor(editor: DraftEditor) {
    this.editor = editor;
  }

  async load(): Promise<void> {
    try {
      this.installed = await api.listGuidelineSets({});
      this.error = null;
    } catch (error) {
      this.error = toApiError(error);
    } finally {
      this.loaded = true;
    }
  }

  async acknowledge(finding: ShownFinding, acknowledged: boolean): Promise<void> {
    const draft = this.editor.draft;
    if (!draft) return;
    try {
      this.editor.draft = await api.acknowledgeFinding({ draftId: draft.id, key: finding.key, acknowledged });
      this.error = null;
    } catch (error) {
      this.error = toApiError(error);
    }
  }

  private check(): ShownFinding[] {
    const draft = this.editor.draft;
    if (!draft || this.installed.length === 0) return [];
    // Plain lookups built afresh on each check, not reactive state.
    const packOf = Object.fromEntries(this.installed.map((entry) => [entry.set.id, entry.packId]));
    const acknowledged = draft.acknowledged;
    return checkGuidelines(
      this.editor.previewBody,
      { channel: draft.channel, title: this.editor.title },
      this.installed.map((entry) => entry.set),
    ).map((finding) => {
      const key = acknowledgementKey(finding);
      return {
        ...finding,
        key,
        acknowledged: acknowledged.includes(key),
        packId: packOf[finding.setId] ?? '',
      };
    });
  }
}
