// What every command shares: the global flags, the profile they name, and the API client over it.
import { setMaxListeners } from "node:events";
import type { Command } from "commander";
import { ApiClient } from "./api-client.ts";
import { ProfileStore } from "./profile-store.ts";

export interface GlobalOptions {
  profile?: string;
  json?: boolean;
}

export function globalsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

export function storeOf(command: Command): ProfileStore {
  return new ProfileStore(globalsOf(command).profile || process.env.CCKM_PROFILE || "default");
}

/** The API client of the signed-in profile (or the error that says to sign in). */
export function clientOf(command: Command): ApiClient {
  const store = storeOf(command);
  return new ApiClient(store, store.require());
}

/** Aborted on the first SIGINT/SIGTERM; a second one exits at once. */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  // Every open request and stream listens to it (a --wait on many keys): no listener-leak warning.
  setMaxListeners(0, controller.signal);
  const stop = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return controller.signal;
}
