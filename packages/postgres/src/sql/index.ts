/** The SQL compiler for expressions and sorts; see compile-expr.ts. */
export { type Compiled, columnSqlType, type ValueType, valueTypeOf } from "./column-types.js";
export { compileExpr, compileTyped } from "./compile-expr.js";
export { compileSort } from "./compile-sort.js";
export { ASHLAR_ERROR_SQLSTATE, ashlarErrorFunctionSql, expressionErrorOf } from "./error-function.js";
export { type SqlFunction, type SqlFunctionContext, sqlFunctions } from "./functions/index.js";
export { qualifiedName, quoteIdent, SqlParams } from "./params.js";
export { SqlCompilation, type SqlCompilationOptions, type SqlScope } from "./scope.js";
export { jsonOf, textOf } from "./typed-sql.js";
