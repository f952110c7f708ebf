import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { NamedMigration, Snapshot } from "@ashlar/postgres";

/** The snapshot the last migration was generated from, next to the migrations. */
export const SNAPSHOT_FILE = "snapshot.json";

/** The last snapshot, or undefined when no migration was generated yet. */
export async function readSnapshot(dir: string): Promise<Snapshot | undefined> {
  const path = join(dir, SNAPSHOT_FILE);
  if (!existsSync(path)) return undefined;
  const snapshot = JSON.parse(await readFile(path, "utf8")) as Snapshot;
  if (snapshot?.version !== 1 || !Array.isArray(snapshot.tables)) {
    throw new Error(`${path} is not an ashlar snapshot (version 1)`);
  }
  return snapshot;
}

/** The migration files of `dir` (every .json but snapshot.json) in name order; named after their file. */
export async function readMigrations(dir: string): Promise<NamedMigration[]> {
  if (!existsSync(dir)) return [];
  const files = (await readdir(dir)).filter((f) => f.endsWith(".json") && f !== SNAPSHOT_FILE).sort();
  const migrations: NamedMigration[] = [];
  for (const file of files) {
    const path = join(dir, file);
    const data = JSON.parse(await readFile(path, "utf8")) as Partial<Record<"up" | "down", unknown>>;
    const statements = (v: unknown): v is string[] =>
      Array.isArray(v) && v.every((s) => typeof s === "string");
    if (!statements(data.up) || !statements(data.down)) {
      throw new Error(`${path} is not a migration: it needs "up" and "down" lists of SQL statements`);
    }
    migrations.push({ name: file.slice(0, -".json".length), up: data.up, down: data.down });
  }
  return migrations;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** yyyymmddhhmmss in UTC. */
export const timestampOf = (date: Date): string =>
  `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
  `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;

/**
 * The file name (without .json) of a new migration: `<timestamp>_<name>`, its timestamp later than every
 * existing one (a second after the last, if the clock says otherwise), so name order is creation order.
 */
export function nextMigrationName(existing: readonly string[], name: string, now: Date): string {
  let stamp = timestampOf(now);
  const last = existing
    .map((n) => /^(\d{14})_/.exec(n)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort()
    .at(-1);
  if (last !== undefined && stamp <= last) {
    const t = last;
    const date = new Date(
      Date.UTC(
        +t.slice(0, 4),
        +t.slice(4, 6) - 1,
        +t.slice(6, 8),
        +t.slice(8, 10),
        +t.slice(10, 12),
        +t.slice(12),
      ),
    );
    stamp = timestampOf(new Date(date.getTime() + 1000));
  }
  return `${stamp}_${name}`;
}

/** Writes the migration file and the new snapshot; answers the paths written. */
export async function writeMigration(
  dir: string,
  migration: NamedMigration,
  snapshot: Snapshot,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${migration.name}.json`);
  const snapshotFile = join(dir, SNAPSHOT_FILE);
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  await writeFile(file, json({ name: migration.name, up: migration.up, down: migration.down }), {
    flag: "wx",
  });
  await writeFile(snapshotFile, json(snapshot));
  return [file, snapshotFile];
}
