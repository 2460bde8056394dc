import { describe, expect, it } from 'vitest';
import { didWebDocument, didWebForUrl, resolveFromDidDocument } from './did-web';

const KEY = 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';

describe('did:web', () => {
  it('names the hub by host, with the port percent-encoded and path segments as colons (§3.2)', () => {
    expect(didWebForUrl('https://hub.acme.example/')).toBe('did:web:hub.acme.example');
    expect(didWebForUrl('https://hub.acme.example:8443/advocate/')).toBe(
      'did:web:hub.acme.example%3A8443:advocate',
    );
  });

  it('resolves a key its document lists for assertions, and refuses others plainly', () => {
    const did = 'did:web:hub.acme.example';
    const document = didWebDocument(did, [{ fragment: 'key-1', publicKeyMultibase: KEY }]);
    const resolve = resolveFromDidDocument(document);
    const resolved = resolve(`${did}#key-1`);
    expect(resolved).toMatchObject({ ok: true, did });
    expect(resolved.ok && resolved.publicKey).toHaveLength(32);
    expect(resolve(`${did}#key-2`)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/does not list/),
    });
    expect(resolve(`did:web:evil.example#key-1`)).toMatchObject({ ok: false });
    const notForAssertions = { ...document, assertionMethod: [] };
    expect(resolveFromDidDocument(notForAssertions)(`${did}#key-1`)).toMatchObject({ ok: false });
  });
});
