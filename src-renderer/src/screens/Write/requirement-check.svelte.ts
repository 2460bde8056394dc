import type { ApiError } from '../../../../src-shared/api/errors';
import { exerciseRequirements, type Requirement } from '../../../../src-shared/training/exercise-completion';
import type { DraftRequirements } from '../../../../src-shared/writing/drafts';
import { api, toApiError } from '../../lib/api';
import type { DraftEditor } from './draft-editor.svelte';
import type { GuidelineCheck } from './guideline-check.svelte';

/**
 * What the exercise a draft answers still asks for before the draft can be ready, checked as the writer
 * types (on the preview's pause, with the guideline findings of that same text). The rules are in
 * src-shared; the main process runs them again when the draft is marked ready.
 */
export class RequirementCheck {
  /** Raw: read-only data, and the rules' phrase lists are cached by identity. */
  exercise = $state.raw<DraftRequirements>(null);
  error = $state<ApiError | null>(null);

  requirements = $derived.by((): Requirement[] => {
    const exercise = this.exercise;
    if (exercise === null) return [];
    return exerciseRequirements(this.editor.previewBody, {
      template: exercise.template,
      rules: exercise.rules,
      modelAnswer: exercise.modelAnswer,
      findings: this.guidelines.findings,
    });
  });
  unmet = $derived(this.requirements.filter((requirement) => !requirement.met));

  constructor(
    private readonly editor: DraftEditor,
    private readonly guidelines: GuidelineCheck,
  ) {}

  async load(draftId: string): Promise<void> {
    try {
      this.exercise = await api.getDraftRequirements({ draftId });
      this.error = null;
    } catch (error) {
      this.error = toApiError(error);
    }
  }
}
