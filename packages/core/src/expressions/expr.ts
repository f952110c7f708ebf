import type { Expr } from "./ast.js";
import { trust } from "./ast.js";
import { parseTemplateText } from "./parse/parser.js";

export { ExpressionSyntaxError } from "./parse/syntax-error.js";

/**
 * Writes an expression as text: `` expr`priority == "urgent" and count(comments) > ${n}` ``. Every
 * interpolation is a value (a literal), never syntax, so user input cannot change the expression's meaning;
 * an interpolation that already is an expression node is embedded as that node, so expressions compose:
 * `` expr`${isOpen} and priority > ${min}` ``. The template's raw text is parsed, so escapes inside strings
 * are the expression language's (`\"`, `\\`, `\n`), not JavaScript's. Throws `ExpressionSyntaxError`.
 */
export function expr(strings: TemplateStringsArray, ...values: unknown[]): Expr {
  return trust(parseTemplateText(strings.raw, values));
}

/** Parses expression text with no interpolations (filters arriving as text, such as through an API). */
export function parseExpr(text: string): Expr {
  return parseTemplateText([text], []);
}
