// Named profiles (API URL, user, session) in one file under the user's config dir, mode 0600.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { CliError, usage } from "./errors.ts";

export interface Profile {
  url: string;
  user: string;
  insecure: boolean;
  client_id?: string;
  refresh_token?: string;
  refresh_token_id?: string;
  /** The current access token and when it stops being valid (ms since the epoch, by our clock). */
  jwt?: string;
  jwt_expires_at?: number;
  /** The JWT's lifetime in seconds (the token answer's `duration`). */
  jwt_duration?: number;
}

interface ProfileFile {
  profiles: Record<string, Profile>;
}

/** `$XDG_CONFIG_HOME/cckm/profiles.json`, else `~/.config/cckm/profiles.json`. */
export function profilesPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), ".config");
  return join(base, "cckm", "profiles.json");
}

const NAME = /^[A-Za-z0-9._-]{1,64}$/;

export class ProfileStore {
  constructor(
    readonly name: string,
    readonly path: string = profilesPath(),
  ) {
    if (!NAME.test(name)) throw usage(`--profile: "${name}" is not a profile name (letters, digits, . _ -)`);
  }

  private readAll(): ProfileFile {
    if (!existsSync(this.path)) return { profiles: {} };
    try {
      const parsed = JSON.parse(readFileSync(this.path, "utf8")) as ProfileFile;
      return parsed && typeof parsed.profiles === "object" ? parsed : { profiles: {} };
    } catch {
      throw usage(`${this.path} is not a profile file (remove it and run cckm login again)`);
    }
  }

  /** The profile, or null when this name was never signed in. */
  read(): Profile | null {
    return this.readAll().profiles[this.name] ?? null;
  }

  /** The profile of a signed-in session, or the error that says to sign in. */
  require(): Profile {
    const profile = this.read();
    if (!profile?.refresh_token) {
      throw new CliError("NOT_SIGNED_IN", `not signed in (profile "${this.name}"): run cckm login --url …`);
    }
    return profile;
  }

  /** Writes the profile (others untouched) atomically, readable by its owner only. */
  write(profile: Profile | null): void {
    const { [this.name]: _previous, ...others } = this.readAll().profiles;
    const all: ProfileFile = { profiles: profile ? { ...others, [this.name]: profile } : others };
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.path);
  }
}
