import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { type Keyring, open, seal } from "@cckm/crypto";
import type { Db, Prisma } from "@cckm/db";
import { InventoryError, prismaCodeOf, UNIQUE_VIOLATION } from "../errors.ts";

/** The AAD of a local key's sealed material. */
export const localKeyAad = (id: string) => `local-key-material:v1:${id}`;

export const LOCAL_KEY_VIEW = {
  id: true,
  name: true,
  algorithm: true,
  size: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.LocalKeySelect;

export type LocalKeyView = Prisma.LocalKeyGetPayload<{ select: typeof LOCAL_KEY_VIEW }>;

export type LocalKeyAlgorithm = "AES" | "RSA";

/** Fresh material: raw bytes for AES, a PKCS#8 DER private key for RSA. */
function generate(algorithm: LocalKeyAlgorithm, size: number): Buffer {
  if (algorithm === "AES") return randomBytes(size / 8);
  return generateKeyPairSync("rsa", { modulusLength: size }).privateKey.export({ format: "der", type: "pkcs8" });
}

/** Makes a local key; its material is sealed at once and never leaves except to an upload. */
export async function createLocalKey(
  db: Db,
  keyring: Keyring,
  input: { name: string; algorithm: LocalKeyAlgorithm; size: number },
): Promise<LocalKeyView> {
  const id = randomUUID();
  const material = generate(input.algorithm, input.size);
  const s = seal(material, localKeyAad(id), keyring);
  material.fill(0);
  try {
    return await db.localKey.create({
      data: {
        id,
        name: input.name,
        algorithm: input.algorithm,
        size: input.size,
        materialCiphertext: new Uint8Array(s.ciphertext),
        materialNonce: new Uint8Array(s.nonce),
        materialTag: new Uint8Array(s.tag),
        materialWrappedDek: new Uint8Array(s.wrappedDek),
        materialKekId: s.kekId,
      },
      select: LOCAL_KEY_VIEW,
    });
  } catch (error) {
    if (prismaCodeOf(error) === UNIQUE_VIOLATION) {
      throw new InventoryError("KEY_NAME_TAKEN", `a key named ${input.name} already exists`);
    }
    throw error;
  }
}

/** A local key by id or name. */
export function findLocalKey(db: Db, ref: string): Promise<LocalKeyView | null> {
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  return db.localKey.findFirst({ where: byId ? { id: ref.toLowerCase() } : { name: ref }, select: LOCAL_KEY_VIEW });
}

export async function listLocalKeys(
  db: Db,
  filter: { name?: string | undefined },
  page: { skip: number; take: number },
): Promise<{ total: number; rows: LocalKeyView[] }> {
  const where = filter.name ? { name: filter.name } : {};
  const [total, rows] = await Promise.all([
    db.localKey.count({ where }),
    db.localKey.findMany({
      where,
      select: LOCAL_KEY_VIEW,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: page.skip,
      take: page.take,
    }),
  ]);
  return { total, rows };
}

/** Opens a local key's material, for an upload only (the caller wipes it after use). */
export async function localKeyMaterial(db: Db, keyring: Keyring, id: string): Promise<Buffer> {
  const row = await db.localKey.findUniqueOrThrow({ where: { id } });
  return open(
    {
      ciphertext: Buffer.from(row.materialCiphertext),
      nonce: Buffer.from(row.materialNonce),
      tag: Buffer.from(row.materialTag),
      wrappedDek: Buffer.from(row.materialWrappedDek),
      kekId: row.materialKekId,
    },
    localKeyAad(id),
    keyring,
  );
}
