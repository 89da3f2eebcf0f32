import { defineConfig } from "vitest/config";

const globalSetup = ["./packages/testkit/src/global-setup.ts"];
const setupFiles = ["./packages/testkit/src/process-guard.ts"];

// Unit tests sit beside the code they test; test/ holds tests that cross processes.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts"],
          globalSetup,
          setupFiles,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/**/*.test.ts"],
          globalSetup,
          setupFiles,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
