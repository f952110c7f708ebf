import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { NamedMigration, Snapshot } from "@ashlar/postgres";

/** The snapshot the last migration was generated from, next to the migrations. */
export const SNAPSHOT_FILE = "snapshot.json";

/**
 * The last snapshot, or undefined when no migration was generated yet. One written before tenants were migrated
 * has no `tenant` part; it reads as having no tenant tables.
 */
export async function readSnapshot(dir: string): Promise<Snapshot | undefined> {
  const path = join(dir, SNAPSHOT_FILE);
  if (!existsSync(path)) return undefined;
  const snapshot = JSON.parse(await readFile(path, "utf8")) as Snapshot;
  if (snapshot?.version !== 1 || !Array.isArray(snapshot.tables)) {
    throw new Error(`${path} is not an ashlar snapshot (version 1)`);
  }
  if (snapshot.tenant !== undefined && !Array.isArray(snapshot.tenant?.tables)) {
    throw new Error(`${path} is not an ashlar snapshot: its "tenant" part needs a "tables" list`);
  }
  return snapshot;
}

type MigrationFile = Partial<Record<"up" | "down" | "tenantUp" | "tenantDown", unknown>>;

const statements = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");

/**
 * The migration files of `dir` (every .json but snapshot.json) in name order; named after their file. Each has
 * `up` and `down`, and, when the app has context-multitenant resources, `tenantUp` and `tenantDown` for every
 * tenant's schema (files written before tenants were migrated have none).
 */
export async function readMigrations(dir: string): Promise<NamedMigration[]> {
  if (!existsSync(dir)) return [];
  const files = (await readdir(dir)).filter((f) => f.endsWith(".json") && f !== SNAPSHOT_FILE).sort();
  const migrations: NamedMigration[] = [];
  for (const file of files) {
    const path = join(dir, file);
    const data = JSON.parse(await readFile(path, "utf8")) as MigrationFile;
    if (!statements(data.up) || !statements(data.down)) {
      throw new Error(`${path} is not a migration: it needs "up" and "down" lists of SQL statements`);
    }
    const tenantUp = data.tenantUp ?? [];
    const tenantDown = data.tenantDown ?? [];
    if (!statements(tenantUp) || !statements(tenantDown)) {
      throw new Error(
        `${path} is not a migration: "tenantUp" and "tenantDown", when there, are lists of SQL statements`,
      );
    }
    migrations.push({
      name: file.slice(0, -".json".length),
      up: data.up,
      down: data.down,
      tenantUp,
      tenantDown,
    });
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

/** Writes the migration file (`up`, `down`, `tenantUp`, `tenantDown`) and the new snapshot; answers the paths. */
export async function writeMigration(
  dir: string,
  migration: NamedMigration,
  snapshot: Snapshot,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${migration.name}.json`);
  const snapshotFile = join(dir, SNAPSHOT_FILE);
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  const { name, up, down, tenantUp = [], tenantDown = [] } = migration;
  await writeFile(file, json({ name, up, down, tenantUp, tenantDown }), { flag: "wx" });
  await writeFile(snapshotFile, json(snapshot));
  return [file, snapshotFile];
}
