import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import type { BeforeHook, IServerAdapter } from "@bull-board/api/typings/app";
import { ExpressAdapter } from "@bull-board/express";
import type { Queue } from "bullmq";
import type { Express } from "express";
import { BOARD_PATH } from "./next-path.ts";
import { hideJobLogs, redactJobs } from "./payload-redaction.ts";

/**
 * Board routes nobody may use, admins included: jobs start through the API, which records them in
 * Postgres first and enqueues ids only; a job added or edited on the board would carry whatever was typed.
 */
export const REFUSED_BOARD_ROUTES = new Set([
  "/api/queues/:queueName/add",
  "/api/queues/:queueName/:jobId/update-data",
]);

const refuseRoutes: BeforeHook = ({ route }) =>
  REFUSED_BOARD_ROUTES.has(route)
    ? { allow: false, status: 403, message: "jobs are created and changed through the API (/api/v1), not the board" }
    : { allow: true };

function board(queues: readonly Queue[], readOnlyMode: boolean): Express {
  const serverAdapter = new ExpressAdapter().setBasePath(BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => {
      const adapter = new BullMQAdapter(queue, { readOnlyMode });
      redactJobs(adapter, queue.name);
      return adapter;
    }),
    // @bull-board/express 9.10.1 pins @bull-board/api 9.10.1 while we have 9.10.2: the same interface,
    // but TypeScript sees two declarations of a private field. Same shape at run time.
    serverAdapter: serverAdapter as unknown as IServerAdapter,
    options: {
      handlerHooks: { before: refuseRoutes, after: hideJobLogs },
      uiConfig: {
        boardTitle: "CCKM job queues",
        hideDocsLink: true,
        miscLinks: [{ text: "Sign out", url: "/admin/logout" }],
        environment: readOnlyMode ? { label: "read-only", color: "#475569" } : undefined,
      },
    },
  });
  const app = serverAdapter.getRouter() as Express;
  app.disable("x-powered-by");
  app.disable("etag");
  return app;
}

export interface Boards {
  /** Every action bull-board offers (but the refused routes), for admins. */
  full: Express;
  /** bull-board's readOnlyMode on every queue, for `CCKM Users`. */
  readOnly: Express;
}

/** Two boards over the same queues; each request is served by the one its user's rights allow. */
export function createBoards(queues: readonly Queue[]): Boards {
  return { full: board(queues, false), readOnly: board(queues, true) };
}
