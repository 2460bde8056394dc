/**
 * The company as an issuer: its profile (name, site, logo) and Ed25519 keys, kept in the hub's database so every
 * hub instance signs alike, and published as a did:web document for the hub's public address.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import { asc, desc, isNull, sql } from 'drizzle-orm';
import { multibaseBase58btcEncode } from '../../src-shared/certificates/base58';
import type { Signed } from '../../src-shared/certificates/data-integrity';
import { didWebDocument, didWebForUrl, resolveFromDidDocument } from '../../src-shared/certificates/did-web';
import {
  createProof,
  verifyProof,
  type ProofCrypto,
  type VerificationResult,
} from '../../src-shared/certificates/proofs';
import { audit } from '../auth/audit';
import type { HubDb, HubTx } from '../db/open';
import { issuerKeys, issuerProfile } from '../db/schema/index';

export interface IssuerProfile {
  name: string;
  url: string | null;
  image: string | null;
}

export interface Issuer extends IssuerProfile {
  did: string;
  /** `did:web:…#key-N` */
  verificationMethod: string;
  sign(data: Uint8Array): Uint8Array;
}

const PROFILE_ID = 'company';
const nodeSha256: ProofCrypto = { sha256: (text) => createHash('sha256').update(text, 'utf8').digest() };

export async function getIssuerProfile(db: HubDb | HubTx): Promise<IssuerProfile | null> {
  const [row] = await db.select().from(issuerProfile).limit(1);
  return row ? { name: row.name, url: row.url, image: row.image } : null;
}

/** Sets the company's name, site and logo; makes the first signing key when there is none. */
export async function setIssuerProfile(
  db: HubDb,
  profile: IssuerProfile,
  actor: string,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(issuerProfile)
      .values({ id: PROFILE_ID, ...profile, updatedAt: now })
      .onConflictDoUpdate({ target: issuerProfile.id, set: { ...profile, updatedAt: now } });
    const [live] = await tx
      .select({ id: issuerKeys.id })
      .from(issuerKeys)
      .where(isNull(issuerKeys.retiredAt));
    if (!live) await addKey(tx, now);
    await audit(tx, actor, 'issuer.set', { ...profile }, now);
  });
}

/** A new signing key; the others are retired (still published, so what they signed still verifies). */
export async function rotateIssuerKey(db: HubDb, actor: string, now: Date): Promise<string> {
  return db.transaction(async (tx) => {
    await tx.update(issuerKeys).set({ retiredAt: now }).where(isNull(issuerKeys.retiredAt));
    const fragment = await addKey(tx, now);
    await audit(tx, actor, 'issuer.rotate-key', { key: fragment }, now);
    return fragment;
  });
}

async function addKey(tx: HubTx, now: Date): Promise<string> {
  // Serialise key numbering between instances: the next id is read and written under one lock.
  await tx.execute(sql`lock table ${issuerKeys} in exclusive mode`);
  const [last] = await tx
    .select({ id: issuerKeys.id })
    .from(issuerKeys)
    .orderBy(desc(issuerKeys.id))
    .limit(1);
  const id = (last?.id ?? 0) + 1;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  await tx.insert(issuerKeys).values({
    id,
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyMultibase: multibaseBase58btcEncode(Uint8Array.from([0xed, 0x01, ...raw])),
    createdAt: now,
  });
  return `key-${id}`;
}

/** The issuer that signs now, for the hub at `publicUrl`; null until `issuer set` has named the company. */
export async function currentIssuer(db: HubDb | HubTx, publicUrl: string): Promise<Issuer | null> {
  const profile = await getIssuerProfile(db);
  if (!profile) return null;
  const [key] = await db
    .select()
    .from(issuerKeys)
    .where(isNull(issuerKeys.retiredAt))
    .orderBy(desc(issuerKeys.id))
    .limit(1);
  if (!key) return null;
  const did = didWebForUrl(publicUrl);
  const privateKey = createPrivateKey(key.privateKeyPem);
  return {
    ...profile,
    did,
    verificationMethod: `${did}#key-${key.id}`,
    sign: (data) => sign(null, data, privateKey),
  };
}

/** The hub's DID document: every key it ever signed with. */
export async function issuerDidDocument(db: HubDb, publicUrl: string): Promise<Record<string, unknown>> {
  const keys = await db.select().from(issuerKeys).orderBy(asc(issuerKeys.id));
  return didWebDocument(
    didWebForUrl(publicUrl),
    keys.map((key) => ({ fragment: `key-${key.id}`, publicKeyMultibase: key.publicKeyMultibase })),
  );
}

export function signAsIssuer<T extends object>(credential: T, issuer: Issuer, created: Date): Signed<T> {
  return createProof(
    credential,
    { ...nodeSha256, verificationMethod: issuer.verificationMethod, sign: issuer.sign },
    created,
  );
}

/** Checks a credential against the hub's own DID document. */
export function verifyAsIssuer(credential: unknown, didDocument: unknown): VerificationResult {
  return verifyProof(credential, {
    ...nodeSha256,
    verify: (data, publicKey, signature) =>
      verify(
        null,
        data,
        createPublicKey({
          key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
          format: 'jwk',
        }),
        signature,
      ),
    resolve: resolveFromDidDocument(didDocument),
  });
}
