import { createAlias, deleteAlias, listAliases } from "./aliases.ts";
import { createKey } from "./create-key.ts";
import { cancelKeyDeletion, scheduleKeyDeletion } from "./deletion.ts";
import { describeKey } from "./describe-key.ts";
import { disableKey, enableKey } from "./enable-disable.ts";
import { getKeyPolicy } from "./key-policy.ts";
import { listKeys } from "./list-keys.ts";
import type { Operation } from "./operation.ts";
import type { OperationName } from "./operation-names.ts";
import { disableKeyRotation, enableKeyRotation, getKeyRotationStatus } from "./rotation.ts";
import { listResourceTags } from "./tags.ts";

/** Every operation the simulator serves, by name. */
export const OPERATIONS: ReadonlyMap<OperationName, Operation> = new Map(
  [
    createKey,
    describeKey,
    listKeys,
    createAlias,
    deleteAlias,
    listAliases,
    getKeyPolicy,
    listResourceTags,
    getKeyRotationStatus,
    enableKeyRotation,
    disableKeyRotation,
    scheduleKeyDeletion,
    cancelKeyDeletion,
    enableKey,
    disableKey,
  ].map((op) => [op.name, op]),
);
