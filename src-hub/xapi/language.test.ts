import { describe, expect, it } from 'vitest';
import { parseAcceptLanguage, pickLanguage } from './language';

const map = { 'en-US': 'completed', 'en-GB': 'completed (GB)', fr: 'terminé', de: 'abgeschlossen' };

describe('picking one language of a map by Accept-Language', () => {
  it.each([
    ['fr', { fr: 'terminé' }],
    ['de;q=0.5, fr;q=0.8', { fr: 'terminé' }],
    ['en-GB', { 'en-GB': 'completed (GB)' }],
    ['en', { 'en-US': 'completed' }],
    ['*, en-gb;q=0.1', { 'en-US': 'completed' }],
    ['es', { 'en-US': 'completed' }],
    ['fr;q=0, *', { 'en-US': 'completed' }],
    ['', { 'en-US': 'completed' }],
  ])('Accept-Language %j picks one entry', (header, expected) => {
    expect(pickLanguage(map, parseAcceptLanguage(header))).toEqual(expected);
  });

  it('ignores ranges that are not language ranges', () => {
    expect(parseAcceptLanguage('en;q=2, <script>, fr;q=0.5')).toEqual([{ range: 'fr', q: 0.5 }]);
  });
});
