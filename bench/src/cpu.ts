import { readdirSync, readFileSync } from "node:fs";

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0; // the process has exited
  }
}

/** Every process whose command name is `name` (e.g. "postgres", "redis-server"). */
export function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === name) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a sampled function lives: an npm package, one of our workspaces, node itself, or the VM. */
function owner(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  const ours = /\/(apps|packages)\/([^/]+)\//.exec(url);
  if (ours) return `@cckm/${ours[2]}`;
  if (url.startsWith("node:")) return "node (internals)";
  return url.replace(/^file:\/\//, "");
}

/** Self time of a `.cpuprofile` by owner, in ms, largest first; idle time left out. */
export function profileByOwner(path: string): Array<{ owner: string; ms: number }> {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === "(idle)") return;
    const key = owner(node);
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals.entries()].map(([o, ms]) => ({ owner: o, ms })).sort((a, b) => b.ms - a.ms);
}

/** The machine's CPU counters (all cores) from /proc/stat, in clock ticks. */
export function machineTicks(): { busy: number; idle: number; steal: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return {
    busy: (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0),
    idle: (idle ?? 0) + (iowait ?? 0),
    steal: steal ?? 0,
  };
}

/** How busy the machine was since `before`: shares of all cores' time, in percent. */
export function machineLoad(before: ReturnType<typeof machineTicks>) {
  const now = machineTicks();
  const busy = now.busy - before.busy;
  const idle = now.idle - before.idle;
  const steal = now.steal - before.steal;
  const total = busy + idle + steal || 1;
  return { busy_pct: Math.round((busy / total) * 100), steal_pct: Math.round((steal / total) * 100) };
}
