// Prisma CLI configuration. The runtime never reads this file: apps build their client with
// @cckm/db's createPrismaClient(url) and apply migrations with @cckm/db's runner.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/cckm" },
});
