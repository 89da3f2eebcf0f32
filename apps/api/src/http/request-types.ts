import type { Logger } from "@cckm/log";

/** The signed-in user of a request, with the groups the database holds now. */
export interface Principal {
  userId: string;
  username: string;
  groups: string[];
  sessionId: string;
}

/** What the audit trail records about a state-changing request; handlers fill in what they know. */
export interface AuditNote {
  action?: string;
  resourceType?: string;
  resourceId?: string;
  actorName?: string;
  detail?: Record<string, unknown>;
  /** Set by a handler that wrote the record itself, in the statement of the change it records. */
  recorded?: boolean;
}

declare global {
  namespace Express {
    interface Request {
      requestId: string;
      log: Logger;
      principal?: Principal;
    }
    interface Locals {
      audit?: AuditNote;
    }
  }
}
