import type { TableSpec } from "../data-layer/contract.js";
import { InvalidError, invalid } from "../errors/errors.js";
import { type Expr, lit, op, ref } from "../expressions/ast.js";
import type { AnyResource } from "../resource/resource.js";
import type { ResourceRuntime } from "./runtime.js";

const scoped = new WeakMap<TableSpec, Map<string, TableSpec>>();

/** Whether a call without a tenant is an error for this resource. */
export function requireTenant(resource: AnyResource, tenant: string | undefined, source: string): void {
  const m = resource.multitenancy;
  if (!m || m.global || tenant !== undefined) return;
  throw new InvalidError([
    invalid({
      code: "tenant_required",
      field: "tenant",
      message: `${resource.name} is multitenant: pass the call's tenant (options.tenant)`,
      source,
    }),
  ]);
}

/** The table a call uses: for context multitenancy, the tenant's own (the same spec object per tenant). */
export function tableFor(runtime: ResourceRuntime, tenant: string | undefined): TableSpec {
  const table = runtime.table;
  if (table.multitenancy !== "context" || tenant === undefined) return table;
  let byTenant = scoped.get(table);
  if (!byTenant) {
    byTenant = new Map();
    scoped.set(table, byTenant);
  }
  let spec = byTenant.get(tenant);
  if (!spec) {
    spec = Object.freeze({ ...table, tenant });
    byTenant.set(tenant, spec);
  }
  return spec;
}

/** For attribute multitenancy: the condition "belongs to this tenant" (none without a tenant, for global). */
export function tenantFilter(resource: AnyResource, tenant: string | undefined): Expr | undefined {
  const m = resource.multitenancy;
  if (m?.strategy !== "attribute" || tenant === undefined) return undefined;
  return op("==", ref(m.attribute), lit(tenant));
}
