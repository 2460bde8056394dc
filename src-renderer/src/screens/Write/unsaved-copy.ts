/**
 * A copy of a draft's text kept in the browser's own storage from the keystroke until the main process
 * confirms the save, so text typed while Advocate Studio was away survives a reload or a new access key.
 */
export interface UnsavedCopy {
  title: string;
  body: string;
  /** The revision the text was typed on; the copy applies only to that revision. */
  baseRevision: number;
}

const keyFor = (draftId: string) => `advocate.unsavedDraft.${draftId}`;

export function keepUnsavedCopy(storage: Storage, draftId: string, copy: UnsavedCopy): void {
  try {
    storage.setItem(keyFor(draftId), JSON.stringify(copy));
  } catch {
    // A full or disabled storage leaves the text in memory only, as before.
  }
}

export function dropUnsavedCopy(storage: Storage, draftId: string): void {
  storage.removeItem(keyFor(draftId));
}

/**
 * The copy to put back into the editor of a draft just loaded, or null. A copy equal to what is stored was
 * saved after all (only the answer was lost); a copy typed on an older revision is not applied over text
 * saved since from another window. Either is dropped.
 */
export function unsavedCopyFor(
  storage: Storage,
  draft: { id: string; title: string; body: string; revision: number },
): UnsavedCopy | null {
  const raw = storage.getItem(keyFor(draft.id));
  if (raw === null) return null;
  let copy: UnsavedCopy;
  try {
    const parsed = JSON.parse(raw) as Partial<UnsavedCopy>;
    if (
      typeof parsed.title !== 'string' ||
      typeof parsed.body !== 'string' ||
      typeof parsed.baseRevision !== 'number'
    )
      throw new Error('not a copy');
    copy = { title: parsed.title, body: parsed.body, baseRevision: parsed.baseRevision };
  } catch {
    dropUnsavedCopy(storage, draft.id);
    return null;
  }
  if (copy.baseRevision !== draft.revision || (copy.title === draft.title && copy.body === draft.body)) {
    dropUnsavedCopy(storage, draft.id);
    return null;
  }
  return copy;
}
