import { ExpressionSyntaxError } from "./syntax-error.js";

/** How an interpolation appears in the text shown by error messages. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: the text shown where an interpolation was.
export const PLACEHOLDER = "${…}";

export const KEYWORDS = ["and", "or", "not", "in", "true", "false", "nil"] as const;
export type Keyword = (typeof KEYWORDS)[number];

export const OPERATORS = ["==", "!=", "<=", ">=", "<>", "<", ">", "+", "-", "*", "/"] as const;
export type Operator = (typeof OPERATORS)[number];

export type Punctuation = "(" | ")" | "[" | "]" | "," | "." | ":" | "^";

/** One token; `pos` is its offset in the shown text and `text` how it was written. */
export type Token = { readonly pos: number; readonly text: string } & (
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "name"; readonly value: string }
  | { readonly kind: "keyword"; readonly value: Keyword }
  | { readonly kind: "operator"; readonly value: Operator }
  | { readonly kind: "punctuation"; readonly value: Punctuation }
  /** An interpolated value: `index` into the template's values. */
  | { readonly kind: "value"; readonly index: number }
  | { readonly kind: "end" }
);

export interface Tokens {
  readonly tokens: readonly Token[];
  /** The whole text, each interpolation shown as `${…}`, for error messages. */
  readonly source: string;
}

const PUNCTUATION = new Set<string>(["(", ")", "[", "]", ",", ".", ":", "^"]);
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", n: "\n" };

/**
 * Splits expression text into tokens. The text comes in chunks, the pieces of a tagged template around its
 * interpolations; an interpolation becomes one `value` token, never text, so a value can never be read as
 * syntax whatever characters it holds.
 */
export function tokenize(chunks: readonly string[]): Tokens {
  const source = chunks.join(PLACEHOLDER);
  const tokens: Token[] = [];
  let base = 0;
  chunks.forEach((chunk, i) => {
    if (i > 0) {
      tokens.push({ kind: "value", index: i - 1, pos: base - PLACEHOLDER.length, text: PLACEHOLDER });
    }
    tokenizeChunk(chunk, base, source, tokens, i === chunks.length - 1);
    base += chunk.length + PLACEHOLDER.length;
  });
  tokens.push({ kind: "end", pos: source.length, text: "" });
  return { tokens, source };
}

function tokenizeChunk(chunk: string, base: number, source: string, out: Token[], last: boolean): void {
  const fail = (reason: string, at: number): never => {
    throw new ExpressionSyntaxError(reason, base + at, source);
  };
  let i = 0;
  while (i < chunk.length) {
    const ch = chunk[i] as string;
    const pos = base + i;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      const { value, end } = readString(chunk, i, last, fail);
      out.push({ kind: "string", value, pos, text: chunk.slice(i, end) });
      i = end;
      continue;
    }
    const number = match(NUMBER, chunk, i);
    if (number !== undefined) {
      if (match(NAME, chunk, i + number.length) !== undefined)
        fail(`unexpected "${chunk[i + number.length]}"`, i + number.length);
      out.push({
        kind: "number",
        value: readNumber(number, () => fail(`${number} is too large to be exact`, i)),
        pos,
        text: number,
      });
      i += number.length;
      continue;
    }
    const name = match(NAME, chunk, i);
    if (name !== undefined) {
      const keyword = (KEYWORDS as readonly string[]).includes(name);
      out.push(
        keyword
          ? { kind: "keyword", value: name as Keyword, pos, text: name }
          : { kind: "name", value: name, pos, text: name },
      );
      i += name.length;
      continue;
    }
    const operator = OPERATORS.find((o) => chunk.startsWith(o, i));
    if (operator !== undefined) {
      out.push({ kind: "operator", value: operator, pos, text: operator });
      i += operator.length;
      continue;
    }
    if (PUNCTUATION.has(ch)) {
      out.push({ kind: "punctuation", value: ch as Punctuation, pos, text: ch });
      i++;
      continue;
    }
    fail(`unexpected "${ch}"${HINTS[ch] ?? ""}`, i);
  }
}

/** Hints for characters people bring from other languages. */
const HINTS: Record<string, string> = {
  "=": " (equality is ==)",
  "!": " (negation is not)",
  "&": " (conjunction is and)",
  "|": " (disjunction is or)",
  "'": " (strings are in double quotes)",
};

function match(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/** Integers beyond 2^53 would silently change value as a number; such values belong in an interpolation. */
function readNumber(text: string, tooLarge: () => never): number {
  const value = Number(text);
  if (!Number.isFinite(value) || (/^\d+$/.test(text) && !Number.isSafeInteger(value))) tooLarge();
  return value;
}

function readString(
  chunk: string,
  start: number,
  last: boolean,
  fail: (reason: string, at: number) => never,
): { value: string; end: number } {
  let value = "";
  let i = start + 1;
  while (i < chunk.length) {
    const ch = chunk[i] as string;
    if (ch === '"') return { value, end: i + 1 };
    if (ch === "\\") {
      const escaped = ESCAPES[chunk[i + 1] ?? ""];
      if (escaped === undefined) fail(`unknown escape "\\${chunk[i + 1] ?? ""}" (known: \\" \\\\ \\n)`, i);
      value += escaped;
      i += 2;
      continue;
    }
    value += ch;
    i++;
  }
  // A string cannot run across an interpolation; quoting one is the likely mistake.
  return fail(
    last
      ? "unterminated string"
      : // biome-ignore lint/suspicious/noTemplateCurlyInString: the hint quotes template syntax.
        'unterminated string (an interpolation needs no quotes: == ${x}, not == "${x}")',
    start,
  );
}
