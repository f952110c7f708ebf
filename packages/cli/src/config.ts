import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type AnyDomain, createApp, memory, type WriteRecorder } from "@ashlar/core";
import { type Snapshot, snapshotOf } from "@ashlar/postgres";
import { UsageError } from "./io.js";

/** What `ashlar.config.ts` default-exports. */
export interface AshlarConfig {
  readonly domains: readonly AnyDomain[];
  /** Where migration files and snapshot.json live, relative to the working directory (default "migrations"). */
  readonly migrationsDir?: string;
  /** The schema the migrations create tables in and record themselves in (default "public"). */
  readonly schema?: string;
  /** The app's recorders — its event log, which `ashlar replay` replays. */
  readonly recorders?: readonly WriteRecorder[];
}

/** A loaded config with its defaults filled in and its directory made absolute. */
export interface ResolvedConfig {
  readonly path: string;
  readonly domains: readonly AnyDomain[];
  readonly migrationsDir: string;
  readonly schema: string;
  readonly recorders: readonly WriteRecorder[];
}

export const DEFAULT_CONFIG = "ashlar.config.ts";

/** Imports the config module and checks its shape; a missing or malformed config is a UsageError. */
export async function loadConfig(configPath: string | undefined, cwd: string): Promise<ResolvedConfig> {
  const path = resolve(cwd, configPath ?? DEFAULT_CONFIG);
  if (!existsSync(path)) {
    throw new UsageError(
      `no config at ${path}: create ${DEFAULT_CONFIG} there (export default { domains: [...] }) or pass --config <path>`,
    );
  }
  const module: { default?: unknown } = await import(pathToFileURL(path).href);
  const config = module.default;
  const fix = `${path} must default-export { domains: [...], migrationsDir?: string, schema?: string, recorders?: [...] }`;
  if (typeof config !== "object" || config === null) throw new UsageError(`${fix}; it exports no object`);
  const { domains, migrationsDir, schema, recorders } = config as Record<string, unknown>;
  if (!Array.isArray(domains)) throw new UsageError(`${fix}; domains is not an array`);
  if (migrationsDir !== undefined && (typeof migrationsDir !== "string" || migrationsDir === "")) {
    throw new UsageError(`${fix}; migrationsDir is not a non-empty string`);
  }
  if (recorders !== undefined && !Array.isArray(recorders))
    throw new UsageError(`${fix}; recorders is not an array`);
  if (schema !== undefined && (typeof schema !== "string" || schema === "")) {
    throw new UsageError(`${fix}; schema is not a non-empty string`);
  }
  const dir = migrationsDir ?? "migrations";
  return {
    path,
    domains: domains as AnyDomain[],
    migrationsDir: isAbsolute(dir) ? dir : resolve(cwd, dir),
    schema: schema ?? "public",
    recorders: (recorders ?? []) as WriteRecorder[],
  };
}

/** The snapshot of the config's resources, read from an app built on the memory layer. */
export async function snapshotOfConfig(config: ResolvedConfig): Promise<Snapshot> {
  const app = await createApp({ domains: config.domains, dataLayer: memory() });
  try {
    return snapshotOf([...app.resources.values()].map((r) => app.engine.runtimeOf(r).table));
  } finally {
    await app.close();
  }
}
