/** The KMS operations the simulator serves (`X-Amz-Target: TrentService.<name>`), as fault rules and counters name them. */
export const OPERATION_NAMES = [
  "CreateKey",
  "DescribeKey",
  "ListKeys",
  "CreateAlias",
  "DeleteAlias",
  "ListAliases",
  "GetKeyPolicy",
  "ListResourceTags",
  "GetKeyRotationStatus",
  "EnableKeyRotation",
  "DisableKeyRotation",
  "ScheduleKeyDeletion",
  "CancelKeyDeletion",
  "EnableKey",
  "DisableKey",
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

export const isOperationName = (name: string): name is OperationName =>
  (OPERATION_NAMES as readonly string[]).includes(name);
