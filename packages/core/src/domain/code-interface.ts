import type { Engine } from "../engine/engine.js";
import {
  AshlarError,
  frameworkError,
  InvalidError,
  invalid,
  notFound,
  toAshlarError,
} from "../errors/errors.js";
import type { Definition } from "./define.js";
import type { CallOptions } from "./interface-types.js";

type Row = Record<string, unknown>;
type Fn = ((...params: unknown[]) => Promise<unknown>) & {
  safe: (...params: unknown[]) => Promise<unknown>;
  can: (...params: unknown[]) => Promise<unknown>;
  definition: Definition;
};

const baseName = (n: string) => (n.endsWith("?") ? n.slice(0, -1) : n);

/** Takes `count` positional values and names them; undefined values (left-out optional ones) are skipped. */
function named(names: readonly string[], values: unknown[]): Row {
  const out: Row = {};
  names.forEach((n, i) => {
    if (values[i] !== undefined) out[baseName(n)] = values[i];
  });
  return out;
}

/**
 * Builds one code-interface function from its definition. Parameters, in order: the record (updates and
 * destroys without getBy) or the getBy values, the positional arguments, the input object, the call options
 * (reads take a single options object with filter, sort, limit, offset and input).
 */
export function interfaceFunction(engine: Engine, name: string, def: Definition): Fn {
  const { resource, action: actionName } = def;
  const action = resource.actions[actionName];
  if (!action) throw frameworkError(`interface ${name}: ${resource.name} has no action "${actionName}"`);
  const getBy = def.getBy ?? [];
  const args = def.args;

  /** Runs the action, or (mode "can") answers whether the caller may, with the same parameters. */
  const run =
    (mode: "run" | "can") =>
    async (...params: unknown[]): Promise<unknown> => {
      let i = 0;
      const take = (n: number) => {
        const taken = params.slice(i, i + n);
        i += n;
        return taken;
      };
      if (action.type === "read") {
        const keys = named(getBy, take(getBy.length));
        const positional = named(args, take(args.length));
        const options = (params[i] ?? {}) as Row & CallOptions;
        const input = { ...((options.input as Row | undefined) ?? {}), ...positional };
        if (mode === "can") return engine.can(resource, actionName, { ...options, input });
        if (!def.getBy && !action.get) {
          const paged = options.page !== undefined || action.pagination?.required === true;
          return paged
            ? engine.readPage(resource, actionName, { ...options, input })
            : engine.read(resource, actionName, { ...options, input });
        }
        const filter = { ...((options.filter as Row | undefined) ?? {}), ...keys };
        const rows = await engine.read(resource, actionName, { ...options, input, filter, limit: 2 });
        if (rows.length > 1)
          throw new InvalidError([
            invalid({
              code: "multiple_results",
              message: `found more than one ${resource.name} for ${JSON.stringify(keys)}`,
              source: `${resource.name}.${actionName}`,
            }),
          ]);
        if (!rows[0])
          throw notFound(`${resource.name}.${actionName}`, `${resource.name} ${JSON.stringify(keys)}`);
        return rows[0];
      }
      let target: Row | string | number | undefined;
      if (action.type === "update" || action.type === "destroy") {
        if (def.getBy) {
          const keys = named(getBy, take(getBy.length));
          const options = params[getBy.length + args.length + 1] as CallOptions | undefined;
          target = await engine.fetch(
            resource,
            keys,
            mode === "can" ? { ...options, authorize: false } : options,
          );
        } else {
          target = take(1)[0] as Row | string | number | undefined;
          if (target === undefined || target === null)
            throw frameworkError(`${name}: pass the ${resource.name} record (or its primary key) first`);
        }
      }
      const positional = named(args, take(args.length));
      const input = { ...((params[i] as Row | undefined) ?? {}), ...positional };
      const options = params[i + 1] as CallOptions | undefined;
      if (mode === "can")
        return engine.can(resource, actionName, {
          ...options,
          input,
          ...(target === undefined ? {} : { record: target }),
        });
      switch (action.type) {
        case "create":
          return engine.create(resource, actionName, input, options);
        case "update":
          return engine.update(resource, actionName, target as Row, input, options);
        case "destroy":
          return engine.destroy(resource, actionName, target as Row, input, options);
        default:
          return engine.run(resource, actionName, input, options);
      }
    };

  const call = run("run");
  const safe = async (...params: unknown[]) => {
    try {
      return { ok: true, value: await call(...params) };
    } catch (error) {
      return { ok: false, error: error instanceof AshlarError ? error : toAshlarError(error) };
    }
  };
  return Object.assign(call, { safe, can: run("can"), definition: def });
}
