export { type CheckDeps, checkInvariant, MARKER_TEXT } from "./check.ts";
export { type ActiveJob, type Inventory, type InventoryKey, readInventory } from "./read-inventory.ts";
export {
  buildReport,
  type InvariantReport,
  KEY_STATES,
  type KeyState,
  VIOLATION_CODES,
  type Violation,
  type ViolationCode,
} from "./report.ts";
