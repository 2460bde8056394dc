import { describe, expect, it } from 'vitest';
import { proseOf, readability, syllables } from './readability';

describe('syllables', () => {
  it.each([
    ['cat', 1],
    ['the', 1],
    ['table', 2],
    ['latency', 3],
    ['database', 3],
    ['configuration', 5],
    ['shipped', 1],
    ['engineer', 3],
  ])('%s has %i', (word, count) => {
    expect(syllables(word)).toBe(count);
  });
});

describe('readability', () => {
  const plain =
    'We had a bad week. The cache went cold and the site slowed down. ' +
    'Our team found the cause in a day. We fixed it and wrote down what we learnt. ' +
    'Next time we will warm the cache first. You can do the same in your own stack.';
  const dense =
    'Notwithstanding considerable organisational heterogeneity, infrastructural modernisation ' +
    'initiatives necessitate comprehensive interdepartmental coordination, ' +
    'particularly regarding authentication, authorisation, observability and operational ' +
    'accountability considerations affecting multinational enterprise customers simultaneously.';

  it('scores short, plain sentences as easy and dense jargon as very hard', () => {
    const easy = readability(plain);
    expect(easy.score).toBeGreaterThan(80);
    expect(easy.band).toBe('very easy');
    expect(easy.sentences).toBe(6);
    const hard = readability(`${dense} ${dense}`);
    expect(hard.score).toBe(0);
    expect(hard.band).toBe('very hard');
  });

  it('does not judge text under thirty words', () => {
    expect(readability('Short and sweet.')).toMatchObject({ score: null, band: null, words: 3 });
  });

  it('ignores code, link addresses and Markdown marks', () => {
    expect(proseOf('See [the graphs](https://example.com/a-very-long-address).')).toBe('See the graphs.');
    expect(proseOf('Run `kubectl get pods --all-namespaces` now')).toBe('Run   now');
    expect(proseOf('## Heading\n- item one\n> quoted')).toBe('Heading\nitem one\nquoted');
    const withCode = `${plain}\n\n\`\`\`\nconst configurationManagementInfrastructure = initialise();\n\`\`\`\n`;
    expect(readability(withCode).score).toBe(readability(plain).score);
  });
});
