// The peer's settings, from its environment (the bench sets them): a small reader, since the peer
// stands apart from the project's processes and their schemas.
export interface PeerEnv {
  databaseUrl: string;
  port: number;
  concurrency: number;
  sapUrl: string;
  sapApiKey: string;
  sapSecret: string;
  /** The key-encryption key of backups: 32 bytes, base64. */
  kek: Buffer;
  /** The bearer token the peer's HTTP API accepts. */
  apiToken: string;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === "") throw new Error(`${name} is required`);
  return value;
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
}

export function peerEnv(env: NodeJS.ProcessEnv): PeerEnv {
  const kek = Buffer.from(required(env, "PEER_KEK"), "base64");
  if (kek.length !== 32) throw new Error("PEER_KEK must be 32 bytes of base64");
  return {
    databaseUrl: required(env, "DATABASE_URL"),
    port: whole(env, "PORT", 0),
    concurrency: whole(env, "PEER_CONCURRENCY", 8),
    sapUrl: required(env, "PEER_SAP_URL"),
    sapApiKey: required(env, "PEER_SAP_API_KEY"),
    sapSecret: required(env, "PEER_SAP_SECRET"),
    kek,
    apiToken: required(env, "PEER_API_TOKEN"),
  };
}
