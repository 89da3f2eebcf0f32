// What every documented example shares: uri and id patterns and the fields' defaults
// (documented-examples.ts says how the examples are kept).
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** A name slug as CipherTrust puts it before the id: lower case, runs of other characters one `-`. */
const SLUG = "[a-z0-9]+(?:-[a-z0-9]+)*";
export const uri = (kind: string, slug: "slug" | "optional slug" | "no slug") => {
  const prefix = slug === "slug" ? `${SLUG}-` : slug === "optional slug" ? `(?:${SLUG}-)?` : "";
  return new RegExp(`^kylo:kylo:cckm:${kind}:${prefix}${UUID}$`);
};
export const uuid = new RegExp(`^${UUID}$`);

export const base = { notes: [], exact: [], patterns: {}, fromSap: [], truncated: [], deviations: [] } as const;
