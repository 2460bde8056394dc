import { and, asc, eq } from 'drizzle-orm';
import { AppError } from '../../src-shared/api/errors';
import type { Channel } from '../../src-shared/packs/items';
import type { InstalledGuidelines } from '../../src-shared/writing/drafts';
import {
  acknowledgementKey,
  checkGuidelines,
  GuidelineSet,
  Rule,
  unacknowledged,
  type Finding,
} from '../../src-shared/writing/guidelines';
import type { DatabaseHandle } from '../db/open';
import { draftAcknowledgements, guidelineSets, packs } from '../db/schema';

export interface GuidelinesDeps {
  database: DatabaseHandle;
  now: () => Date;
}

/**
 * The guideline sets installed with course packs, and the findings a writer has acknowledged on each draft.
 * The editor runs the same pure checks (src-shared/writing/guidelines.ts) as the writer types; this service
 * runs them again before a draft may be marked ready, so no window can skip them.
 */
export function createGuidelines(deps: GuidelinesDeps) {
  const { db } = deps.database;

  function installed(): InstalledGuidelines[] {
    return db
      .select({ packId: guidelineSets.packId, packTitle: packs.title, set: guidelineSets.definition })
      .from(guidelineSets)
      .innerJoin(packs, eq(packs.id, guidelineSets.packId))
      .orderBy(asc(packs.title), asc(guidelineSets.packId))
      .all()
      .flatMap((entry) => {
        const set = stillValid(entry.set);
        return set === null ? [] : [{ ...entry, set }];
      });
  }

  function acknowledged(draftId: string): string[] {
    return db
      .select({ key: draftAcknowledgements.key })
      .from(draftAcknowledgements)
      .where(eq(draftAcknowledgements.draftId, draftId))
      .orderBy(asc(draftAcknowledgements.acknowledgedAt), asc(draftAcknowledgements.key))
      .all()
      .map((row) => row.key);
  }

  function acknowledge(draftId: string, key: string, yes: boolean): void {
    if (yes) {
      db.insert(draftAcknowledgements)
        .values({ draftId, key, acknowledgedAt: deps.now().toISOString() })
        .onConflictDoNothing()
        .run();
    } else {
      db.delete(draftAcknowledgements)
        .where(and(eq(draftAcknowledgements.draftId, draftId), eq(draftAcknowledgements.key, key)))
        .run();
    }
  }

  function findings(draft: { title: string; body: string; channel: Channel }): Finding[] {
    return checkGuidelines(
      draft.body,
      { channel: draft.channel, title: draft.title },
      installed().map((entry) => entry.set),
    );
  }

  /** Refuses, naming each one, while findings of the draft's text are not acknowledged. */
  function requireAcknowledged(draft: { id: string; title: string; body: string; channel: Channel }): void {
    const open = unacknowledged(findings(draft), acknowledged(draft.id));
    if (open.length === 0) return;
    const first = open[0] as Finding;
    throw new AppError(
      'GUIDELINES_UNACKNOWLEDGED',
      `${open.length} guideline finding${open.length === 1 ? '' : 's'} still need${open.length === 1 ? 's' : ''} ` +
        `your acknowledgement before this draft is ready. The first: “${first.title}” at “${first.excerpt}”.`,
      {
        findings: open.map((finding) => ({
          key: acknowledgementKey(finding),
          ruleId: finding.ruleId,
          title: finding.title,
          excerpt: finding.excerpt,
        })),
      },
    );
  }

  return { installed, acknowledged, acknowledge, findings, requireAcknowledged };
}

export type Guidelines = ReturnType<typeof createGuidelines>;

/**
 * A set as today's rules accept it: one installed before a check existed (a pattern RE2 cannot run, say)
 * keeps its other rules, and a set left with none is not offered, rather than failing every call that lists them.
 */
function stillValid(set: GuidelineSet): GuidelineSet | null {
  if (GuidelineSet.safeParse(set).success) return set;
  const kept = { ...set, rules: set.rules.filter((rule) => Rule.safeParse(rule).success) };
  return kept.rules.length > 0 && GuidelineSet.safeParse(kept).success ? kept : null;
}
