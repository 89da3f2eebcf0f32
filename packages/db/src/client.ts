import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = InstanceType<typeof PrismaClient>;

export interface DbOptions {
  /** Pool size of the underlying node-postgres pool. */
  max?: number;
  /** Application name shown in pg_stat_activity. */
  applicationName?: string;
}

/** The one way to build a Prisma client: Prisma 7 with the node-postgres driver adapter. */
export function createPrismaClient(connectionString: string, options: DbOptions = {}): Db {
  const adapter = new PrismaPg({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? "cckm",
  });
  return new PrismaClient({ adapter });
}
