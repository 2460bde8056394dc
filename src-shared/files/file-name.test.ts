import { describe, expect, it } from 'vitest';
import { fileStem } from './file-name';

describe('fileStem', () => {
  it('keeps letters and digits, drops accents, joins the rest with single hyphens', () => {
    expect(fileStem('Why our p99 latency doubled!', 'draft')).toBe('why-our-p99-latency-doubled');
    expect(fileStem('Crème brûlée & résumé', 'draft')).toBe('creme-brulee-resume');
    expect(fileStem('日本語 タイトル', 'draft')).toBe('日本語-タイトル');
  });

  it('falls back when nothing is left, and never ends in a hyphen after cutting', () => {
    expect(fileStem('!!!', 'draft')).toBe('draft');
    expect(fileStem(null, 'portfolio')).toBe('portfolio');
    expect(fileStem('abc def', 'x', 4)).toBe('abc');
  });
});
