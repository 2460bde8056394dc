import { describe, expect, it } from 'vitest';
import { looksSecret, secretSpans, shannonEntropy } from './secrets';

function found(text: string): string[] {
  return secretSpans(text).map(({ start, end }) => text.slice(start, end));
}

describe('secrets', () => {
  it('finds well-known key and token shapes', () => {
    // Made-up values of the right shape.
    const aws = 'AKIA' + 'Q3EXPLM7NDR4TZ2W';
    const github = 'ghp_' + 'a8Kd93LmQz01RtYx7VbN2cPw5sUe4JhG6fDk';
    const slack = 'xoxb-' + '1234567890-0987654321-q8WzLr2KxTnV5pYc';
    const stripe = 'sk_live_' + '51Hq8ZrKx2Lm9Tn4Vb7Yc3';
    const gcp = 'AIza' + 'SyD4-q8WzLr2KxTnV5pYcQ7mB1nJ3hF6gE0';
    const text = `Keys: ${aws}, ${github}; ${slack} and ${stripe} or ${gcp}.`;
    expect(found(text)).toEqual([aws, github, slack, stripe, gcp]);
  });

  it('finds a private key block, to its end line or the end of a cut-off draft', () => {
    const block = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nIBAAKC\n-----END RSA PRIVATE KEY-----';
    expect(found(`Mine:\n${block}\nthanks`)).toEqual([block]);
    expect(found('-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn')).toEqual([
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn',
    ]);
    expect(found('-----BEGIN PUBLIC KEY-----\nMIIBIjAN')).toEqual([]);
  });

  it('finds random-looking values assigned to secret names, not placeholders or references', () => {
    expect(found('api_key = "9fK2xQ7LmZ4pT8wR3vN6"')).toEqual(['9fK2xQ7LmZ4pT8wR3vN6']);
    expect(found('DB_PASSWORD: "Tr0ub4dor&3x"')).toEqual(['Tr0ub4dor&3x']);
    expect(found('api_key = "YOUR_API_KEY_HERE"')).toEqual([]);
    expect(found('token = process.env.GITHUB_TOKEN')).toEqual([]);
    expect(found('password = "<your password>"')).toEqual([]);
    expect(found('secret: "aaaaaaaaaaaaaaaa1"')).toEqual([]);
    expect(found('The token: a short-lived credential.')).toEqual([]);
  });

  it('measures randomness', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(looksSecret('9fK2xQ7LmZ4pT8wR3vN6', false)).toBe(true);
    expect(looksSecret('abcabcabcabc1234', false)).toBe(false);
  });
});
