export interface Kek {
  id: string;
  key: Buffer;
}

/** The key-encryption keys: `current` seals, every one (current and previous) opens. */
export interface Keyring {
  current: Kek;
  byId(id: string): Kek | undefined;
}

export class CryptoError extends Error {
  constructor(
    readonly code: "KEK_UNKNOWN" | "INTEGRITY_FAILED" | "KEYRING_INVALID",
    message: string,
  ) {
    super(message);
    this.name = "CryptoError";
  }
}

function kek(id: string, base64: string): Kek {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new CryptoError("KEYRING_INVALID", `KEK ${id} must be 32 bytes`);
  return { id, key };
}

/**
 * From BACKUP_KEK / BACKUP_KEK_ID and, for rotation, BACKUP_KEK_PREVIOUS (`id:base64,id:base64`):
 * after a rotation, old records still open under their recorded KEK id; new ones seal under the current.
 */
export function createKeyring(current: { id: string; base64: string }, previous = ""): Keyring {
  const keys = new Map<string, Kek>();
  const head = kek(current.id, current.base64);
  keys.set(head.id, head);
  for (const entry of previous
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.indexOf(":");
    if (at <= 0) throw new CryptoError("KEYRING_INVALID", "BACKUP_KEK_PREVIOUS entries are id:base64");
    const older = kek(entry.slice(0, at), entry.slice(at + 1));
    if (keys.has(older.id)) {
      // Same id, other key: what it sealed could no longer open. A rotation needs a new BACKUP_KEK_ID.
      throw new CryptoError(
        "KEYRING_INVALID",
        `KEK id ${older.id} appears twice; give the new KEK a new BACKUP_KEK_ID`,
      );
    }
    keys.set(older.id, older);
  }
  return { current: head, byId: (id) => keys.get(id) };
}
