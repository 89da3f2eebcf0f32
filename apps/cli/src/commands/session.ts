// `cckm login` and `cckm logout`: a session of the API kept in a profile.
import { createInterface } from "node:readline";
import password from "@inquirer/password";
import type { Command } from "commander";
import { urlOf } from "../api-client.ts";
import { clientOf, globalsOf, storeOf } from "../context.ts";
import { CliError, usage } from "../errors.ts";
import { apiErrorOf, send } from "../http.ts";
import { note, printJson, wantsJson } from "../output.ts";

interface LoginOptions {
  url?: string;
  user?: string;
  insecure?: boolean;
  password?: string;
  passwordStdin?: boolean;
}

async function readStdinLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return "";
}

/** The password: CCKM_PASSWORD, stdin, a prompt without echo; --password only with a warning. */
async function passwordOf(options: LoginOptions, user: string): Promise<string> {
  if (options.password !== undefined) {
    note(
      "warning: --password leaves the password in your shell history and the process list; prefer CCKM_PASSWORD or the prompt",
    );
    return options.password;
  }
  if (process.env.CCKM_PASSWORD) return process.env.CCKM_PASSWORD;
  if (options.passwordStdin) return readStdinLine();
  if (!process.stdin.isTTY) {
    throw usage("no password: set CCKM_PASSWORD, pipe it with --password-stdin, or run in a terminal to be asked");
  }
  return password({ message: `Password for ${user}:` }, { output: process.stderr });
}

function normalizeUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usage(`--url: "${raw}" is not a URL (e.g. https://127.0.0.1:8443)`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw usage("--url: must be http:// or https://");
  return url.origin;
}

export function registerSession(program: Command): void {
  program
    .command("login")
    .description("sign in and keep the session in a profile (the password is asked without echo, or CCKM_PASSWORD)")
    .option("--url <url>", "the API, e.g. https://127.0.0.1:8443 (default: the profile's)")
    .option("--user <name>", "the user (default: the profile's, else admin)")
    .option("--insecure", "accept a certificate that is not trusted (self-signed), as curl -k")
    .option("--password-stdin", "read the password from the first line of stdin")
    .option("--password <password>", "the password (discouraged: it stays in your shell history)")
    .action(async (options: LoginOptions, command: Command) => {
      const store = storeOf(command);
      const known = store.read();
      const rawUrl = options.url ?? known?.url;
      if (!rawUrl) throw usage("--url is required the first time a profile signs in");
      const url = normalizeUrl(rawUrl);
      const user = options.user ?? known?.user ?? "admin";
      const insecure = options.insecure ?? (options.url ? false : (known?.insecure ?? false));
      const secret = await passwordOf(options, user);
      const answer = await send({
        method: "POST",
        url: urlOf(url, "/auth/tokens"),
        body: { grant_type: "password", username: user, password: secret },
        insecure,
      });
      if (answer.status === 401) {
        throw new CliError("NOT_SIGNED_IN", `sign-in refused for ${user}: invalid username or password`);
      }
      if (answer.status !== 200) throw apiErrorOf(answer, "signing in");
      const token = answer.body as {
        jwt: string;
        duration: number;
        client_id: string;
        refresh_token: string;
        refresh_token_id: string;
      };
      store.write({
        url,
        user,
        insecure,
        client_id: token.client_id,
        refresh_token: token.refresh_token,
        refresh_token_id: token.refresh_token_id,
        jwt: token.jwt,
        jwt_expires_at: Date.now() + token.duration * 1000,
        jwt_duration: token.duration,
      });
      if (wantsJson(globalsOf(command)) && globalsOf(command).json) printJson({ profile: store.name, url, user });
      note(`signed in to ${url} as ${user} (profile ${store.name})`);
    });

  program
    .command("logout")
    .description("end the session on the server and forget it")
    .action(async (_options: unknown, command: Command) => {
      const store = storeOf(command);
      const profile = store.read();
      if (!profile?.refresh_token) {
        note(`profile ${store.name} is not signed in`);
        return;
      }
      const client = clientOf(command);
      await client
        .call("DELETE", `/auth/tokens/${encodeURIComponent(profile.refresh_token_id ?? "")}`, { accept: [404] })
        .catch((error: unknown) => {
          // A session that already ended cannot be ended again: forget it all the same.
          if (!(error instanceof CliError && error.code === "SESSION_ENDED")) throw error;
        });
      store.write({ url: profile.url, user: profile.user, insecure: profile.insecure });
      note(`signed out of ${profile.url} (profile ${store.name})`);
    });
}
