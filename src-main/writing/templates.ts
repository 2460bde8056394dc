import type Database from 'better-sqlite3';
import { AppError } from '../../src-shared/api/errors';
import { Channel } from '../../src-shared/packs/items';
import type { DraftTemplate } from '../../src-shared/writing/drafts';

/** Every exercise of the installed packs, as a template to start a draft from. */
export function draftTemplates(sqlite: Database.Database): DraftTemplate[] {
  const rows = sqlite
    .prepare(
      `SELECT i.pack_id AS packId, p.title AS packTitle, i.id AS itemId, i.title, i.details
         FROM items i JOIN packs p ON p.id = i.pack_id
        WHERE i.kind = 'exercise' ORDER BY p.title, i.position`,
    )
    .all() as { packId: string; packTitle: string; itemId: string; title: string; details: string }[];
  return rows.flatMap((found) => {
    const details = JSON.parse(found.details) as { template?: unknown; channel?: unknown };
    if (typeof details.template !== 'string') return [];
    const channel = Channel.safeParse(details.channel);
    return [
      {
        packId: found.packId,
        packTitle: found.packTitle,
        itemId: found.itemId,
        title: found.title,
        channel: channel.success ? channel.data : 'blog',
        template: details.template,
      },
    ];
  });
}

/** One exercise's template, or NOT_FOUND. */
export function findDraftTemplate(
  sqlite: Database.Database,
  wanted: { packId: string; itemId: string },
): DraftTemplate {
  const template = draftTemplates(sqlite).find(
    (found) => found.packId === wanted.packId && found.itemId === wanted.itemId,
  );
  if (!template) throw new AppError('NOT_FOUND', 'That template is not in any installed course pack.');
  return template;
}
