/** ARNs of keys and aliases, in the partition a region belongs to. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

export const keyArn = (region: string, account: string, keyId: string) =>
  `arn:${partitionOf(region)}:kms:${region}:${account}:key/${keyId}`;

export const aliasArn = (region: string, account: string, aliasName: string) =>
  `arn:${partitionOf(region)}:kms:${region}:${account}:${aliasName}`;

export interface ParsedArn {
  region: string;
  account: string;
  /** `key/<id>` or `alias/<name>`. */
  resource: string;
}

/** The parts of a KMS ARN, or undefined when it is not one. */
export function parseKmsArn(arn: string): ParsedArn | undefined {
  const match = /^arn:(aws|aws-cn|aws-us-gov):kms:([a-z0-9-]+):(\d{12}):((?:key|alias)\/.+)$/.exec(arn);
  if (match === null) return undefined;
  const [, , region = "", account = "", resource = ""] = match;
  return { region, account, resource };
}

/** The IAM user ARN AWS names in AccessDeniedException messages. */
export const userArn = (account: string, userName: string) => `arn:aws:iam::${account}:user/${userName}`;

export const rootArn = (account: string) => `arn:aws:iam::${account}:root`;
