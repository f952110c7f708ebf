/**
 * A text expression the parser rejects. The message names the position (a 0-based offset into the text, where
 * each interpolation shows as `${…}`) and repeats the text with a caret under the offending place, so a
 * mistake in a long multi-line template can be found without counting characters.
 */
export class ExpressionSyntaxError extends Error {
  constructor(
    /** What is wrong, without the location: `unexpected ")"`. */
    readonly reason: string,
    /** 0-based offset into `source`. */
    readonly position: number,
    /** The expression text, interpolations shown as `${…}`. */
    readonly source: string,
  ) {
    super(describe(reason, position, source));
    this.name = "ExpressionSyntaxError";
  }
}

function describe(reason: string, position: number, source: string): string {
  if (!source.includes("\n")) {
    const head = `${reason} at ${position} in: `;
    return `${head}${source}\n${caret(head + source, head.length + position)}`;
  }
  // Multi-line text: show only the offending line, so the caret lines up under it.
  const lineStart = source.lastIndexOf("\n", position - 1) + 1;
  const lineEnd = source.indexOf("\n", position);
  const line = source.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  const lineNumber = source.slice(0, lineStart).split("\n").length;
  const column = position - lineStart;
  return `${reason} at ${position} (line ${lineNumber}, column ${column + 1}) in:\n${line}\n${caret(line, column)}`;
}

/** Spaces up to `column`, keeping tabs as tabs so the caret stays aligned however tabs are shown. */
const caret = (line: string, column: number) => `${line.slice(0, column).replace(/[^\t]/g, " ")}^`;
