import { and, eq } from 'drizzle-orm';
import { AppError } from '../../src-shared/api/errors';
import type { Channel } from '../../src-shared/packs/items';
import { completionRulesOf } from '../../src-shared/packs/completion';
import { modelAnswerOf } from '../../src-shared/training/template-text';
import {
  describeMissing,
  exerciseRequirements,
  type Requirement,
} from '../../src-shared/training/exercise-completion';
import type { DraftRequirements } from '../../src-shared/writing/drafts';
import { acknowledgementKey, unacknowledged } from '../../src-shared/writing/guidelines';
import type { AppDatabase } from '../db/open';
import { items } from '../db/schema';
import type { Guidelines } from './guidelines';

/** What readiness reads of a draft: its text as it is about to be stored. */
export interface DraftText {
  id: string;
  title: string;
  body: string;
  channel: Channel;
  exercisePackId: string | null;
  exerciseItemId: string | null;
}

/**
 * Whether a draft may be, or stay, ready. Ready means checked: every guideline finding read, and for a
 * draft that answers an exercise, the exercise's completion rules met. The studio shows the same rules as
 * the writer types (src-shared/training/exercise-completion.ts); this runs them where no window can skip them.
 */
export function createReadiness(deps: { db: AppDatabase; guidelines: Guidelines }) {
  /** The exercise the draft answers, with its template and rules; null for other drafts, or a removed pack. */
  function exerciseOf(draft: Pick<DraftText, 'exercisePackId' | 'exerciseItemId'>): DraftRequirements {
    if (!draft.exercisePackId || !draft.exerciseItemId) return null;
    const item = deps.db
      .select({ id: items.id, title: items.title, details: items.details, body: items.body })
      .from(items)
      .where(
        and(
          eq(items.packId, draft.exercisePackId),
          eq(items.id, draft.exerciseItemId),
          eq(items.kind, 'exercise'),
        ),
      )
      .get();
    if (!item) return null;
    const template = typeof item.details['template'] === 'string' ? item.details['template'] : '';
    return {
      exercise: { packId: draft.exercisePackId, itemId: item.id, title: item.title },
      template,
      rules: completionRulesOf(item.details),
      modelAnswer: modelAnswerOf(item.body),
    };
  }

  /** The exercise's rules checked against the draft; null when the draft answers no (installed) exercise. */
  function requirements(draft: DraftText): Requirement[] | null {
    const exercise = exerciseOf(draft);
    if (exercise === null) return null;
    const acknowledged = new Set(deps.guidelines.acknowledged(draft.id));
    const findings = deps.guidelines.findings(draft).map((finding) => ({
      severity: finding.severity,
      acknowledged: acknowledged.has(acknowledgementKey(finding)),
    }));
    const { template, rules, modelAnswer } = exercise;
    return exerciseRequirements(draft.body, { template, rules, modelAnswer, findings });
  }

  function unmet(draft: DraftText): Requirement[] {
    return (requirements(draft) ?? []).filter((requirement) => !requirement.met);
  }

  /** Refuses, saying what is missing, while the draft does not do what its exercise asks. */
  function requireExerciseMet(draft: DraftText): void {
    const missing = unmet(draft);
    if (missing.length === 0) return;
    throw new AppError(
      'EXERCISE_INCOMPLETE',
      `This draft doesn’t do what the exercise asks yet: ${describeMissing(missing)}`,
      { requirements: missing },
    );
  }

  /** Why a ready draft can no longer be ready after this change; null while it still can. */
  function whyNoLongerReady(draft: DraftText): string | null {
    const mustFinding = unacknowledged(
      deps.guidelines.findings(draft),
      deps.guidelines.acknowledged(draft.id),
    ).find((finding) => finding.severity === 'must');
    if (mustFinding) {
      return `It now has a “must” guideline finding to check: “${mustFinding.title}” at “${mustFinding.excerpt}”.`;
    }
    const missing = unmet(draft);
    if (missing.length > 0) return `The exercise it answers still asks for more: ${describeMissing(missing)}`;
    return null;
  }

  return { exerciseOf, requirements, unmet, requireExerciseMet, whyNoLongerReady };
}

export type Readiness = ReturnType<typeof createReadiness>;
