import { randomFillSync, randomUUID } from "node:crypto";
import { type AttrType, type CastResult, compareDefault, fail, ok } from "./type.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function castUuid(value: unknown): CastResult<string> {
  const s = typeof value === "string" ? value.trim().toLowerCase() : undefined;
  return s !== undefined && UUID.test(s) ? ok(s) : fail("invalid_type", "must be a UUID");
}

export const uuidType = (): AttrType<string> => ({
  name: "uuid",
  constraints: {},
  cast: castUuid,
  compare: compareDefault,
});

/** A UUID whose generated values are version 7: time-ordered, so they index and sort like a sequence. */
export const uuidv7Type = (): AttrType<string> => ({
  name: "uuidv7",
  constraints: {},
  cast: castUuid,
  compare: compareDefault,
});

export const uuidv4 = (): string => randomUUID();

let lastMs = 0;
let sequence = 0;
/** Random bytes drawn 4 KiB at a time (one `randomFillSync` per 512 ids rather than one per id: ~7 µs each). */
const entropy = randomFillSync(Buffer.alloc(4096));
let entropyAt = 0;

/** RFC 9562 UUIDv7: 48-bit millisecond timestamp, then a 12-bit counter so ids made in one millisecond still sort. */
export function uuidv7(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    sequence++;
    if (sequence > 0xfff) {
      lastMs++;
      sequence = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    sequence = 0;
  }
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  entropy.copy(bytes, 8, entropyAt, entropyAt + 8);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  entropyAt += 8;
  if (entropyAt === entropy.length) {
    randomFillSync(entropy);
    entropyAt = 0;
  }
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
