import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../src-shared/api/errors';
import type {
  PortfolioItem,
  PortfolioSource,
  SavePortfolioItemInput,
  Visibility,
} from '../../src-shared/profile/schemas';
import type { AppDatabase, DatabaseHandle } from '../db/open';
import { certificates, companyCredentials, drafts, portfolioItems, portfolioVisibility } from '../db/schema';

export interface PortfolioDeps {
  database: DatabaseHandle;
  now: () => Date;
}

export type ValidPortfolioItemInput = z.output<typeof SavePortfolioItemInput>;

const day = (at: Date) => at.toISOString().slice(0, 10);

/**
 * The portfolio: published pieces and certificates appear by themselves (read from their own stores),
 * hand-added items are kept here. Newest first.
 */
export function createPortfolio(deps: PortfolioDeps) {
  const { db } = deps.database;

  function chosenVisibility(): Map<string, Visibility> {
    return new Map(
      db
        .select()
        .from(portfolioVisibility)
        .all()
        .map((row) => [`${row.source}:${row.sourceId}`, row.visibility]),
    );
  }

  function list(): PortfolioItem[] {
    const chosen = chosenVisibility();
    const pieces: PortfolioItem[] = db
      .select()
      .from(drafts)
      .where(and(eq(drafts.status, 'published'), isNull(drafts.deletedAt)))
      .all()
      .map((draft) => ({
        source: 'piece',
        sourceId: draft.id,
        kind: 'piece',
        title: draft.title || 'Untitled piece',
        url: draft.publishedUrl,
        date: day(draft.publishedAt ?? draft.updatedAt),
        description: '',
        channel: draft.channel,
        visibility: chosen.get(`piece:${draft.id}`) ?? 'me',
      }));
    // The current certificate of each course: copies replaced by a re-issue stay in its history only.
    // The company's badge for the course, when public and not revoked, is what the entry links to: a page
    // anyone can check, rather than a file signed on this device.
    const companyPages = new Map(
      db
        .select()
        .from(companyCredentials)
        .where(and(eq(companyCredentials.public, true), isNull(companyCredentials.revokedAt)))
        .all()
        .filter((badge) => badge.pageUrl.startsWith('https://'))
        .map((badge) => [`${badge.packId}/${badge.courseId}`, badge.pageUrl]),
    );
    const earned: PortfolioItem[] = db
      .select()
      .from(certificates)
      .where(isNull(certificates.replacedBy))
      .all()
      .map((certificate) => ({
        source: 'certificate',
        sourceId: certificate.id,
        kind: 'certificate',
        title: certificate.courseTitle,
        url: companyPages.get(`${certificate.packId}/${certificate.courseId}`) ?? null,
        date: day(certificate.issuedAt),
        description: certificate.courseSummary ?? '',
        channel: null,
        visibility: chosen.get(`certificate:${certificate.id}`) ?? 'me',
      }));
    const added: PortfolioItem[] = db
      .select()
      .from(portfolioItems)
      .orderBy(desc(portfolioItems.date))
      .all()
      .map((item) => ({
        source: 'manual',
        sourceId: item.id,
        kind: item.kind,
        title: item.title,
        url: item.url,
        date: item.date,
        description: item.description,
        channel: null,
        visibility: item.visibility,
      }));
    return [...pieces, ...earned, ...added].sort(
      (a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title),
    );
  }

  function find(source: PortfolioSource, sourceId: string): PortfolioItem {
    const found = list().find((item) => item.source === source && item.sourceId === sourceId);
    if (!found) throw new AppError('NOT_FOUND', 'That portfolio item is no longer on this device.');
    return found;
  }

  function save(input: ValidPortfolioItemInput): PortfolioItem {
    const fields = {
      kind: input.kind,
      title: input.title,
      url: input.url,
      date: input.date,
      description: input.description,
      visibility: input.visibility,
    };
    if (input.itemId) {
      const updated = db.update(portfolioItems).set(fields).where(eq(portfolioItems.id, input.itemId)).run();
      if (updated.changes === 0)
        throw new AppError('NOT_FOUND', 'That portfolio item is no longer on this device.');
      return find('manual', input.itemId);
    }
    const id = randomUUID();
    db.insert(portfolioItems)
      .values({ id, ...fields, createdAt: deps.now() })
      .run();
    return find('manual', id);
  }

  function remove(itemId: string): { deleted: string } {
    const removed = db.delete(portfolioItems).where(eq(portfolioItems.id, itemId)).run();
    if (removed.changes === 0)
      throw new AppError('NOT_FOUND', 'That portfolio item is no longer on this device.');
    return { deleted: itemId };
  }

  function setVisibility(source: PortfolioSource, sourceId: string, visibility: Visibility): PortfolioItem {
    find(source, sourceId);
    if (source === 'manual') {
      db.update(portfolioItems).set({ visibility }).where(eq(portfolioItems.id, sourceId)).run();
    } else {
      db.insert(portfolioVisibility)
        .values({ source, sourceId, visibility })
        .onConflictDoUpdate({
          target: [portfolioVisibility.source, portfolioVisibility.sourceId],
          set: { visibility },
        })
        .run();
    }
    return find(source, sourceId);
  }

  return { list, save, remove, setVisibility };
}

export type Portfolio = ReturnType<typeof createPortfolio>;

/** The public pages of the company badges (public, not revoked) and their issuers' names, for the exports. */
export function companyIssuersByPage(db: AppDatabase): Record<string, string> {
  return Object.fromEntries(
    db
      .select({ pageUrl: companyCredentials.pageUrl, issuerName: companyCredentials.issuerName })
      .from(companyCredentials)
      .where(and(eq(companyCredentials.public, true), isNull(companyCredentials.revokedAt)))
      .all()
      .map((badge) => [badge.pageUrl, badge.issuerName]),
  );
}
