import type { Renames, Snapshot } from "@ashlar/postgres";
import { UsageError } from "../io.js";
import { formatRenameFlag } from "./rename-flag.js";

/**
 * Every table of a snapshot, the app schema's and the tenants' (context multitenancy), as one list: `--rename`
 * names a table or column wherever it lives.
 */
export function withTenantTables(snapshot: Snapshot): Snapshot;
export function withTenantTables(snapshot: Snapshot | undefined): Snapshot | undefined;
export function withTenantTables(snapshot: Snapshot | undefined): Snapshot | undefined {
  return snapshot && { version: 1, tables: [...snapshot.tables, ...(snapshot.tenant?.tables ?? [])] };
}

/** Renames split by where their tables live: the app's schema, or every tenant's. */
export interface SplitRenames {
  readonly shared: Renames;
  readonly tenant: Renames;
}

/**
 * Splits renames checked against both parts (`withTenantTables`) into the app schema's and the tenants', as
 * each part's migration takes them. A table renamed from one part to the other cannot be: its rows would have
 * to move between schemas, which no rename does (a UsageError saying so).
 */
export function splitRenames(renames: Renames, last: Snapshot | undefined, current: Snapshot): SplitRenames {
  const inTenants = (snapshot: Snapshot | undefined, table: string) =>
    snapshot?.tenant?.tables.some((t) => t.name === table) ?? false;
  const shared = { tables: {} as Record<string, string>, columns: {} as NonNullable<Renames["columns"]> };
  const tenant = { tables: {} as Record<string, string>, columns: {} as NonNullable<Renames["columns"]> };
  for (const [from, to] of Object.entries(renames.tables ?? {})) {
    const wasPerTenant = inTenants(last, from);
    if (wasPerTenant !== inTenants(current, to)) {
      const where = (perTenant: boolean) => (perTenant ? "in every tenant's schema" : "in the app's schema");
      throw new UsageError(
        `cannot ${formatRenameFlag({ kind: "table", from, to })}: ${from} is ${where(wasPerTenant)} and ${to} ${where(!wasPerTenant)} (context multitenancy changed); a rename cannot move rows between schemas, so leave the flag out and move the data yourself`,
      );
    }
    (wasPerTenant ? tenant : shared).tables[from] = to;
  }
  for (const [table, columns] of Object.entries(renames.columns ?? {})) {
    const part = inTenants(current, table) ? tenant : shared;
    part.columns = { ...part.columns, [table]: columns };
  }
  return { shared, tenant };
}
