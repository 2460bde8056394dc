/**
 * Checks of issued credentials by others' code, for tests: 1EdTech's own JSON Schema for the OB 3.0
 * AchievementCredential (vendored in ../standards), and Digital Bazaar's VC libraries with their
 * eddsa-jcs-2022 cryptosuite, so a credential is not only accepted by the verifier that made it.
 */
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { createVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import schema from '../standards/ob_v3p0_achievementcredential_schema.json' with { type: 'json' };

const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

/** 1EdTech's schema's complaints about a credential, as `path: message`; empty when it is valid. */
export function obSchemaErrors(credential: unknown): string[] {
  if (validate(credential)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '/'}: ${error.message ?? error.keyword}`,
  );
}

type Loaded = { contextUrl: null; documentUrl: string; document: unknown };

/**
 * Verifies with @digitalbazaar/vc. did:key methods are resolved as the did:key method says (the key is
 * the identifier); any other DID's document must be given (a did:web's, as its hub serves it).
 */
export async function verifyWithDigitalBazaar(
  credential: unknown,
  options: { didDocuments?: Record<string, object>; revoked?: boolean } = {},
): Promise<{ verified: boolean; error?: unknown }> {
  const documentLoader = async (url: string): Promise<Loaded> => {
    const [did = '', fragment] = url.split('#');
    const given = options.didDocuments?.[did];
    if (given !== undefined) {
      const document = fragment === undefined ? given : findMethod(given, url);
      return { contextUrl: null, documentUrl: url, document };
    }
    if (did.startsWith('did:key:z6Mk')) {
      const multibase = did.slice('did:key:'.length);
      const method = {
        '@context': 'https://w3id.org/security/multikey/v1',
        id: `${did}#${multibase}`,
        type: 'Multikey',
        controller: did,
        publicKeyMultibase: multibase,
      };
      const document =
        fragment === undefined
          ? {
              '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
              id: did,
              verificationMethod: [method],
              assertionMethod: [method.id],
            }
          : method;
      return { contextUrl: null, documentUrl: url, document };
    }
    throw new Error(`no document for ${url}`);
  };
  const suite = new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() });
  const checkStatus = async () => ({ verified: options.revoked !== true });
  return vc.verifyCredential({ credential, suite, documentLoader, checkStatus });
}

function findMethod(didDocument: object, id: string): unknown {
  const methods = (didDocument as { verificationMethod?: { id: string }[] }).verificationMethod ?? [];
  const method = methods.find((entry) => entry.id === id);
  if (method === undefined) throw new Error(`the DID document has no method ${id}`);
  return { '@context': 'https://w3id.org/security/multikey/v1', ...method };
}
