import { describe, expect, it } from 'vitest';
import { piecesPerMonth, suggestNextSteps, type GrowthFacts } from './growth';
import { parseDataUrl, photoTypeOf } from './photo';

describe('piecesPerMonth', () => {
  it('counts the last twelve months, oldest first, and ignores older pieces', () => {
    const months = piecesPerMonth(
      [
        new Date('2026-11-02T10:00:00Z'),
        new Date('2026-11-20T10:00:00Z'),
        new Date('2026-01-05T10:00:00Z'),
        new Date('2025-11-30T10:00:00Z'),
      ],
      new Date('2026-11-25T12:00:00Z'),
    );
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ month: '2025-12', count: 0 });
    expect(months[1]).toEqual({ month: '2026-01', count: 1 });
    expect(months[11]).toEqual({ month: '2026-11', count: 2 });
  });
});

describe('suggestNextSteps', () => {
  const facts: GrowthFacts = {
    openCourses: [
      { packId: 'p', courseId: 'a', title: 'Course A', started: false },
      { packId: 'p', courseId: 'b', title: 'Course B', started: true },
    ],
    openExercises: [
      { packId: 'p', itemId: 'x1', title: 'Exercise 1', courseTitle: 'Course A', started: false },
      { packId: 'p', itemId: 'x2', title: 'Exercise 2', courseTitle: 'Course B', started: true },
    ],
    channelsUsed: ['blog'],
    profileStarted: true,
  };

  it('finishes what is started first, then practice, then a new channel', () => {
    expect(suggestNextSteps(facts)).toEqual([
      { kind: 'course', packId: 'p', courseId: 'b', title: 'Course B' },
      { kind: 'exercise', packId: 'p', itemId: 'x2', title: 'Exercise 2', courseTitle: 'Course B' },
      { kind: 'channel', channel: 'forum' },
    ]);
  });

  it('suggests filling in the profile first, and a new course when none is started', () => {
    const steps = suggestNextSteps({
      ...facts,
      profileStarted: false,
      openCourses: facts.openCourses.map((c) => ({ ...c, started: false })),
    });
    expect(steps[0]).toEqual({ kind: 'profile' });
    expect(steps.at(-1)).toEqual({ kind: 'course', packId: 'p', courseId: 'a', title: 'Course A' });
  });

  it('suggests the internal channel only when every outside one is tried', () => {
    const steps = suggestNextSteps({ ...facts, channelsUsed: ['blog', 'forum', 'linkedin', 'x'] });
    expect(steps).toContainEqual({ kind: 'channel', channel: 'internal' });
    const none = suggestNextSteps({ ...facts, channelsUsed: ['blog', 'forum', 'linkedin', 'x', 'internal'] });
    expect(none.some((s) => s.kind === 'channel')).toBe(false);
  });
});

describe('photoTypeOf', () => {
  it('knows PNG, JPEG and WebP by their first bytes, and nothing else', () => {
    expect(photoTypeOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'image/png',
    );
    expect(photoTypeOf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
    const webp = bytes('RIFF\0\0\0\0WEBPVP8 ');
    expect(photoTypeOf(webp)).toBe('image/webp');
    expect(photoTypeOf(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(photoTypeOf(bytes('GIF89a'))).toBeNull();
  });

  it('parses base64 data: URLs only', () => {
    expect(parseDataUrl('data:image/png;base64,iVBORw0KGgo=')).toEqual({
      mimeType: 'image/png',
      base64: 'iVBORw0KGgo=',
    });
    expect(parseDataUrl('data:image/svg+xml,<svg/>')).toBeNull();
    expect(parseDataUrl('https://example.com/a.png')).toBeNull();
  });
});
