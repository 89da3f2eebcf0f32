import dns from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

/**
 * Kinds of address a SAP KMS endpoint may not have. `link-local` (169.254.0.0/16 with the cloud
 * metadata services, fe80::/10) and `unspecified` (0.0.0.0/8, ::) are never allowed; the private
 * kinds only with the opt-in (`allowPrivate`).
 */
export type AddressKind =
  | "link-local"
  | "unspecified"
  | "loopback"
  | "reserved"
  | "private"
  | "shared"
  | "unique-local";

const RANGES: ReadonlyArray<{ kind: AddressKind; subnets: ReadonlyArray<[string, number, "ipv4" | "ipv6"]> }> = [
  {
    kind: "link-local",
    subnets: [
      ["169.254.0.0", 16, "ipv4"],
      ["fe80::", 10, "ipv6"],
    ],
  },
  {
    kind: "unspecified",
    subnets: [
      ["0.0.0.0", 8, "ipv4"],
      ["::", 128, "ipv6"],
    ],
  },
  {
    kind: "loopback",
    subnets: [
      ["127.0.0.0", 8, "ipv4"],
      ["::1", 128, "ipv6"],
    ],
  },
  {
    // Never a KMS: cloud metadata services outside link-local (Alibaba's, AWS's over IPv6), IPv6 forms
    // that carry an IPv4 address inside (IPv4-compatible, 6to4; NAT64 is classified by the address it
    // carries, below), multicast, and the reserved and benchmarking ranges.
    kind: "reserved",
    subnets: [
      ["100.100.100.200", 32, "ipv4"],
      ["fd00:ec2::254", 128, "ipv6"],
      ["::", 96, "ipv6"],
      ["2002::", 16, "ipv6"],
      ["224.0.0.0", 4, "ipv4"],
      ["240.0.0.0", 4, "ipv4"],
      ["198.18.0.0", 15, "ipv4"],
      ["ff00::", 8, "ipv6"],
    ],
  },
  {
    kind: "private",
    subnets: [
      ["10.0.0.0", 8, "ipv4"],
      ["172.16.0.0", 12, "ipv4"],
      ["192.168.0.0", 16, "ipv4"],
    ],
  },
  { kind: "shared", subnets: [["100.64.0.0", 10, "ipv4"]] },
  { kind: "unique-local", subnets: [["fc00::", 7, "ipv6"]] },
];

const NEVER: ReadonlySet<AddressKind> = new Set(["link-local", "unspecified", "reserved"]);

// One BlockList per kind; BlockList also matches IPv4-mapped IPv6 (::ffff:169.254.169.254) to IPv4 rules.
const LISTS = RANGES.map(({ kind, subnets }) => {
  const list = new BlockList();
  for (const [network, prefix, family] of subnets) list.addSubnet(network, prefix, family);
  return { kind, list };
});

const NAT64 = new BlockList();
NAT64.addSubnet("64:ff9b::", 96, "ipv6");
NAT64.addSubnet("64:ff9b:1::", 48, "ipv6");

/** The last 32 bits of an IPv6 address as dotted IPv4 (what a NAT64 address carries). */
function lastIpv4(address: string): string {
  const url = new URL(`http://[${address}]/`).hostname.slice(1, -1); // normalised, e.g. 64:ff9b::a9fe:a9fe
  const groups = url.split(":");
  const tail = groups.slice(-2).map((g) => Number.parseInt(g || "0", 16));
  const [hi = 0, lo = 0] = groups.length >= 2 && !url.endsWith("::") ? tail : [0, 0];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
}

/** The kind of a literal IP address, if it is one of the ranges above. */
export function addressKind(address: string): AddressKind | undefined {
  const family = isIP(address);
  if (family === 0) return undefined;
  const type = family === 6 ? "ipv6" : "ipv4";
  // NAT64 (DNS64 networks) reaches the IPv4 address inside: it is what counts.
  if (type === "ipv6" && NAT64.check(address, "ipv6")) return addressKind(lastIpv4(address));
  return LISTS.find(({ list }) => list.check(address, type))?.kind;
}

/** Why a host may not be reached: what was asked, the address it is or resolved to, and its kind. */
export interface EndpointRefusal {
  host: string;
  address: string;
  kind: AddressKind;
  /** True for link-local and unspecified addresses: no setting allows them. */
  never: boolean;
}

export function describeRefusal(r: EndpointRefusal): string {
  const what = r.host === r.address ? r.address : `${r.host} (${r.address})`;
  return `${what} is a ${r.kind} address`;
}

/** Thrown (through the socket) when a connection would reach an address the policy refuses. */
export class EndpointForbiddenError extends Error {
  override readonly name = "EndpointForbiddenError";
  readonly code = "ENDPOINT_FORBIDDEN";
  constructor(readonly refusal: EndpointRefusal) {
    super(`${describeRefusal(refusal)}${refusal.never ? ", never allowed" : ", not allowed without the opt-in"}`);
  }
}

/**
 * Which addresses SAP KMS requests may go to. Checked twice: on the URL's host when it is an IP
 * literal (or `localhost`), before any connection, and on every address a host name resolves to,
 * at connect time (`lookup`, for node's http agents), so a name that resolves to a metadata address
 * is refused too. One instance per setting, so the agents built on it are shared per process.
 */
export class EndpointPolicy {
  private static readonly instances = new Map<boolean, EndpointPolicy>();

  static of(options: { allowPrivate: boolean }): EndpointPolicy {
    let policy = EndpointPolicy.instances.get(options.allowPrivate);
    if (!policy) {
      policy = new EndpointPolicy(options.allowPrivate);
      EndpointPolicy.instances.set(options.allowPrivate, policy);
    }
    return policy;
  }

  private constructor(readonly allowPrivate: boolean) {}

  /** The refusal of one address (the host it was asked for as `host`), or undefined when allowed. */
  refusalOf(address: string, host = address): EndpointRefusal | undefined {
    const kind = addressKind(address);
    if (kind === undefined) return undefined;
    const never = NEVER.has(kind);
    if (!never && this.allowPrivate) return undefined;
    return { host, address, kind, never };
  }

  /**
   * The refusal of a URL's host when it is an IP literal (URL parsing has already normalized forms
   * such as `0xa9.0xfe.0xa9.0xfe` or `2852039166`): node connects to those without a lookup.
   */
  refusalOfLiteral(hostname: string): EndpointRefusal | undefined {
    return this.refusalOf(hostname.replace(/^\[(.*)\]$/, "$1"));
  }

  /**
   * The refusal of a URL's host as written, for input checks: IP literals and `localhost` names
   * (RFC 6761: always loopback). Other names are checked when they are resolved.
   */
  refusalOfHost(hostname: string): EndpointRefusal | undefined {
    const host = hostname.replace(/\.$/, "").toLowerCase();
    if (host === "localhost" || host.endsWith(".localhost")) return this.refusalOf("127.0.0.1", host);
    return this.refusalOfLiteral(host);
  }

  /** A `lookup` for net/http: resolves as node does, and fails when any address is refused. */
  readonly lookup: LookupFunction = guardedLookup(this, dns.lookup);
}

type Resolve = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

/**
 * A `lookup` that resolves every address of a name with `resolve` (node's `dns.lookup` in use) and
 * fails with EndpointForbiddenError when any of them is refused: a name that also resolves to a
 * metadata address is not one to send credentials to.
 */
export function guardedLookup(policy: EndpointPolicy, resolve: Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      for (const { address } of addresses) {
        const refusal = policy.refusalOf(address, hostname);
        if (refusal) return callback(new EndpointForbiddenError(refusal), "", 0);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "", 0);
      callback(null, first.address, first.family);
    });
  };
}
