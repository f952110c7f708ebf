import { ExpressionSyntaxError } from "./syntax-error.js";
import type { Keyword, Operator, Punctuation, Token, Tokens } from "./tokenizer.js";

/** A position in the token list, with the template's values and the helpers every grammar rule uses. */
export class Cursor {
  private index = 0;

  constructor(
    private readonly input: Tokens,
    readonly values: readonly unknown[],
  ) {}

  peek(ahead = 0): Token {
    const tokens = this.input.tokens;
    return tokens[Math.min(this.index + ahead, tokens.length - 1)] as Token;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== "end") this.index++;
    return token;
  }

  isPunctuation(value: Punctuation, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === "punctuation" && t.value === value;
  }

  isKeyword(value: Keyword, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === "keyword" && t.value === value;
  }

  /** The operator at the cursor when it is one of `ops`. */
  operator<O extends Operator>(ops: readonly O[]): O | undefined {
    const t = this.peek();
    return t.kind === "operator" && (ops as readonly Operator[]).includes(t.value)
      ? (t.value as O)
      : undefined;
  }

  /** Consumes `value` or fails naming what was found instead. */
  expect(value: Punctuation): Token {
    if (!this.isPunctuation(value)) this.fail(`expected "${value}" but found ${describeToken(this.peek())}`);
    return this.next();
  }

  /** Consumes a name token or fails with `what` ("a field name", "a relationship path"). */
  expectName(what: string): Token & { kind: "name" } {
    const t = this.peek();
    if (t.kind !== "name") this.fail(`expected ${what} but found ${describeToken(t)}`);
    return this.next() as Token & { kind: "name" };
  }

  unexpected(token: Token = this.peek()): never {
    return this.fail(`unexpected ${describeToken(token)}`, token.pos);
  }

  fail(reason: string, pos: number = this.peek().pos): never {
    throw new ExpressionSyntaxError(reason, pos, this.input.source);
  }
}

export function describeToken(token: Token): string {
  if (token.kind === "end") return "end of expression";
  if (token.kind === "value") return "an interpolated value";
  if (token.kind === "string") return `the string ${token.text}`;
  return `"${token.text}"`;
}
