// Digital Bazaar's VC libraries ship JavaScript only: the little of them the tests use, typed.
declare module '@digitalbazaar/vc' {
  export function verifyCredential(options: {
    credential: unknown;
    suite: unknown;
    documentLoader: (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;
    checkStatus?: (options: { credential: unknown }) => Promise<{ verified: boolean }>;
  }): Promise<{ verified: boolean; error?: unknown; results?: unknown[] }>;
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { cryptosuite: unknown });
    readonly type: string;
  }
}
declare module '@digitalbazaar/eddsa-jcs-2022-cryptosuite' {
  export function createVerifyCryptosuite(): unknown;
}
