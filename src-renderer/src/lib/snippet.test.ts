import { describe, expect, it } from 'vitest';
import { snippetParts } from './snippet';

describe('snippetParts', () => {
  it('splits matches from the text around them', () => {
    expect(snippetParts('Engineers who \u0002disclose\u0003 their \u0002employer\u0003.')).toEqual([
      { text: 'Engineers who ', match: false },
      { text: 'disclose', match: true },
      { text: ' their ', match: false },
      { text: 'employer', match: true },
      { text: '.', match: false },
    ]);
    expect(snippetParts('<b>no markup</b>')).toEqual([{ text: '<b>no markup</b>', match: false }]);
  });
});
