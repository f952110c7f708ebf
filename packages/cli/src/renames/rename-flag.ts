import { UsageError } from "../io.js";

/**
 * One `--rename` flag of `ashlar codegen`: `<old>=<new>` renames a table, `<table>.<old>=<new>` a column of
 * `<table>` (its name in the definitions, or its old name when the table is renamed too).
 */
export type RenameFlag =
  | { readonly kind: "table"; readonly from: string; readonly to: string }
  | { readonly kind: "column"; readonly table: string; readonly from: string; readonly to: string };

const EXAMPLES = "--rename tickets.title=subject (a column) or --rename ticket=tickets (a table)";

/** Parses the value of one `--rename` flag; bad syntax is a UsageError showing both forms. */
export function parseRenameFlag(value: string): RenameFlag {
  const bad = (why: string) =>
    new UsageError(`bad --rename ${JSON.stringify(value)}: ${why}; write ${EXAMPLES}`);
  const eq = value.indexOf("=");
  if (eq < 0) throw bad("it has no =");
  const left = value.slice(0, eq);
  const to = value.slice(eq + 1);
  if (to === "") throw bad("the new name after = is empty");
  if (to.includes("=")) throw bad("it has more than one =");
  if (to.includes(".")) throw bad("the new name is the bare name, without a table (no . after =)");
  const parts = left.split(".");
  if (parts.some((p) => p === "")) throw bad("a name before = is empty");
  if (parts.length > 2) throw bad("give at most <table>.<column> before =");
  if (/\s/.test(value)) throw bad("names have no spaces");
  if (parts.length === 1) return { kind: "table", from: parts[0]!, to };
  return { kind: "column", table: parts[0]!, from: parts[1]!, to };
}

/** The flag that asks for a rename, as the user would type it. */
export const formatRenameFlag = (flag: RenameFlag): string =>
  flag.kind === "table"
    ? `--rename ${flag.from}=${flag.to}`
    : `--rename ${flag.table}.${flag.from}=${flag.to}`;
