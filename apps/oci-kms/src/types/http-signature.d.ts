/** The parts of http-signature (1.3) the simulator uses; the package ships no types. */
declare module "http-signature" {
  import type { Key } from "sshpk";

  export interface ParsedSignature {
    scheme: string;
    params: { keyId: string; algorithm: string; headers: string[]; signature: string; [name: string]: unknown };
    signingString: string;
    algorithm: string;
    keyId: string;
  }

  export interface ParseOptions {
    /** Headers that must be among the signed ones (default: date or x-date). */
    headers?: string[];
    /** Allowed clock skew, in seconds (default 300). */
    clockSkew?: number;
    algorithms?: string[];
    strict?: boolean;
    authorizationHeaderName?: string;
  }

  export interface RequestLike {
    method: string;
    url: string;
    httpVersion: string;
    headers: Record<string, string | string[] | undefined>;
  }

  export function parseRequest(request: RequestLike, options?: ParseOptions): ParsedSignature;
  export function verifySignature(parsed: ParsedSignature, publicKey: string | Buffer | Key): boolean;

  const httpSignature: { parseRequest: typeof parseRequest; verifySignature: typeof verifySignature };
  export default httpSignature;
}
