import { describe, expect, it } from 'vitest';
import { dropUnsavedCopy, keepUnsavedCopy, unsavedCopyFor } from './unsaved-copy';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

const stored = { id: 'd1', title: 'Caching', body: 'Before.', revision: 3 };

describe('unsaved copies of a draft', () => {
  it('puts back text typed on the stored revision until a save is confirmed', () => {
    const storage = memoryStorage();
    expect(unsavedCopyFor(storage, stored)).toBeNull();
    keepUnsavedCopy(storage, 'd1', { title: 'Caching', body: 'Before. And after.', baseRevision: 3 });
    expect(unsavedCopyFor(storage, stored)).toEqual({
      title: 'Caching',
      body: 'Before. And after.',
      baseRevision: 3,
    });
    dropUnsavedCopy(storage, 'd1');
    expect(unsavedCopyFor(storage, stored)).toBeNull();
  });

  it('drops a copy that was saved after all, one typed on an older revision, and one that is not a copy', () => {
    const storage = memoryStorage();
    keepUnsavedCopy(storage, 'd1', { title: 'Caching', body: 'Before.', baseRevision: 2 });
    expect(unsavedCopyFor(storage, { ...stored, revision: 3 })).toBeNull();
    keepUnsavedCopy(storage, 'd1', { title: 'Caching', body: 'Other.', baseRevision: 2 });
    expect(unsavedCopyFor(storage, stored)).toBeNull();
    expect(storage.length).toBe(0);
    storage.setItem('advocate.unsavedDraft.d1', '{"title":1}');
    expect(unsavedCopyFor(storage, stored)).toBeNull();
    expect(storage.length).toBe(0);
  });
});
