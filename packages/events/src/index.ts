/**
 * @ashlar/events — the event log: every create, update and destroy of tracked resources recorded in the
 * action's own transaction, with actor attribution and metadata, and replayable to any point in time.
 */
export {
  type ActorKind,
  type ClearContext,
  type EventLogConfig,
  type ReplayMode,
  type ReplayOverride,
  type Tracked,
  type TrackOptions,
  track,
} from "./config.js";
export { type Event, EventLog, eventLog, recordIdOf, sensitiveFieldsOf } from "./event-log.js";
export { eventResource } from "./event-resource.js";
export {
  clearOrder,
  ReplayError,
  type ReplayOptions,
  type ReplayResult,
  replay,
  type SkippedEvent,
} from "./replay.js";
export { encryptionKeyOf, isSealed, type SealedValue, Sealer } from "./sealing.js";
