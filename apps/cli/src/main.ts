// `cckm`: a command-line client of the CCKM API, in the spirit of CipherTrust's ksctl
// (`cckm sap keys list` mirrors GET /api/v1/cckm/sap/keys). It speaks HTTP(S) to the API only.
import { Command, CommanderError } from "commander";
import { registerClouds } from "./commands/clouds.ts";
import { registerReads } from "./commands/reads.ts";
import { registerSession } from "./commands/session.ts";
import { registerSubmit } from "./commands/submit.ts";
import { registerWatch } from "./commands/watch.ts";
import { CliError, EXIT } from "./errors.ts";

function program(): Command {
  const root = new Command("cckm")
    .description("command-line client of the CCKM API (CipherTrust-compatible key jobs)")
    .version("0.0.0")
    .option("--profile <name>", "the profile (session) to use (default: $CCKM_PROFILE, else default)")
    .option("--json", "print JSON (the default when stdout is not a terminal)")
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`${text.trim().split("\n")[0]}\n`) });
  registerSession(root);
  const sap = root.command("sap").description("SAP Data Custodian keys, groups, connections and jobs");
  registerReads(sap);
  const keys = sap.commands.find((c) => c.name() === "keys") as Command;
  registerSubmit(keys, "delete");
  registerSubmit(keys, "restore");
  registerWatch(sap.commands.find((c) => c.name() === "jobs") as Command);
  registerClouds(root);
  // Every subcommand stops on bad usage instead of exiting on its own, and says it in one line.
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  for (const c of all(root)) c.exitOverride().configureOutput(root.configureOutput());
  return root;
}

/** One line on stderr for what went wrong (a stack trace only with CCKM_DEBUG=1), and the exit code. */
function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version are not failures; commander has already printed its one line.
    return error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.exitCode === 0
      ? EXIT.ok
      : EXIT.usage;
  }
  if (error instanceof CliError) {
    process.stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  }
  const name = (error as { name?: string })?.name;
  if (name === "ExitPromptError" || name === "AbortPromptError") {
    process.stderr.write("error: cancelled\n");
    return EXIT.interrupted;
  }
  process.stderr.write(`error: unexpected: ${(error as Error)?.message ?? String(error)}\n`);
  if (process.env.CCKM_DEBUG === "1") process.stderr.write(`${(error as Error)?.stack ?? ""}\n`);
  return EXIT.api;
}

// Whatever escapes (an error in a stream's callback) still ends as one line, never a stack trace.
process.on("uncaughtException", (error) => process.exit(exitCodeOf(error)));
process.on("unhandledRejection", (error) => process.exit(exitCodeOf(error)));

try {
  await program().parseAsync(process.argv);
  process.exit(process.exitCode ?? EXIT.ok);
} catch (error) {
  process.exit(exitCodeOf(error));
}
