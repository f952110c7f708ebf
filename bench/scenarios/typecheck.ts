/**
 * Scenario 11: what type-checking costs a user with a big schema. Generates 100 related resources (each with
 * attributes, a belongsTo its predecessor and hasMany its successor, an aggregate, five actions with changes
 * and validations, policies), ten domains with a code interface of four functions per resource, and a file
 * calling every function with typed results; then times `tsc --noEmit` on it and reads its peak memory.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { RunOptions } from "../lib/options.js";
import type { ScenarioResult } from "../lib/report.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PER_DOMAIN = 10;

const pad = (i: number) => String(i).padStart(3, "0");
const name = (i: number) => `R${pad(i)}`;

function resourceFile(i: number, last: boolean): string {
  const parent = i > 0 ? name(i - 1) : undefined;
  return `import {
  actionIs,
  actionType,
  always,
  authorizeIf,
  belongsTo,
  count,
  create,
  described,
  destroy,
  expr,
  forbidIf,
  hasMany,
  policy,
  present,
  read,
  relateActor,
  resource,
  set,
  t,
  update,
} from "@ashlar/core";
${parent ? `import { ${parent} } from "./${parent.toLowerCase()}.js";\n` : ""}
export const ${name(i)} = resource("r${pad(i)}", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    title: t.string({ min: 1, max: 200 }),
    status: t.enum(["draft", "active", "archived"]).default("draft"),
    score: t.integer().default(0),
    notes: t.string({ max: 2000 }).optional(),
    tags: t.array(t.string()).default([]),
    insertedAt: t.createTimestamp(),
    updatedAt: t.updateTimestamp(),
  },
  relationships: {
    owner: belongsTo("user${pad(i)}"),
    ${parent ? `parent: belongsTo(() => ${parent}),` : ""}
    ${last ? "" : `children: hasMany("r${pad(i + 1)}", { destinationAttribute: "parentId" }),`}
  },
  ${last ? "" : `aggregates: { childCount: count("children") },`}
  actions: {
    read: read({ primary: true }),
    create: create({
      primary: true,
      accept: ["title", "score", "notes", "tags"${parent ? `, "parentId"` : ""}],
      changes: [relateActor("owner")],
      validations: [present("title")],
    }),
    update: update({ primary: true, accept: ["title", "score", "notes"] }),
    archive: update({ changes: [set("status", "archived")] }),
    destroy: destroy({ primary: true }),
  },
  policies: [
    described("everyone reads what is not archived", policy(actionType("read"), authorizeIf(expr\`status != "archived"\`))),
    policy(actionIs("create"), authorizeIf(always())),
    policy(actionIs("update", "archive", "destroy"), forbidIf(expr\`status == "archived"\`), authorizeIf(always())),
  ],
});

export const User${pad(i)} = resource("user${pad(i)}", {
  attributes: { id: t.uuidv7().primaryKey(), email: t.ciString({ max: 320 }) },
  actions: { read: read({ primary: true }), create: create({ primary: true, accept: ["email"] }) },
});
`;
}

function domainFile(d: number): string {
  const members = Array.from({ length: PER_DOMAIN }, (_, k) => d * PER_DOMAIN + k);
  return `import { define, domain } from "@ashlar/core";
${members.map((i) => `import { ${name(i)}, User${pad(i)} } from "./${name(i).toLowerCase()}.js";`).join("\n")}

export const D${d} = domain("d${d}", {
  resources: [${members.map((i) => `${name(i)}, User${pad(i)}`).join(", ")}],
  interface: {
${members
  .map(
    (i) => `    create${name(i)}: define(${name(i)}, "create", { args: ["title"] }),
    list${name(i)}: define(${name(i)}, "read"),
    get${name(i)}: define(${name(i)}, "read", { getBy: ["id"] }),
    archive${name(i)}: define(${name(i)}, "archive"),`,
  )
  .join("\n")}
  },
});
`;
}

function usageFile(resources: number): string {
  const domains = resources / PER_DOMAIN;
  const calls = Array.from({ length: resources }, (_, i) => {
    const d = Math.floor(i / PER_DOMAIN);
    return `  {
    const made = await app.d${d}.create${name(i)}("title ${i}", { score: ${i} }, { actor });
    const title: string = made.title;
    const list = await app.d${d}.list${name(i)}({ filter: { status: "active", score: { gte: 1 } }, sort: ["-score"] });
    const score: number | undefined = list[0]?.score;
    const one = await app.d${d}.get${name(i)}(made.id);
    const archived = await app.d${d}.archive${name(i)}(one.id, {}, { actor });
    total += title.length + (score ?? 0) + (archived.status === "archived" ? 1 : 0);
  }`;
  });
  return `import { createApp, memory } from "@ashlar/core";
${Array.from({ length: domains }, (_, d) => `import { D${d} } from "./d${d}.js";`).join("\n")}

const app = await createApp({ domains: [${Array.from({ length: domains }, (_, d) => `D${d}`).join(", ")}], dataLayer: memory() });
const actor = { id: "someone" };
let total = 0;
${calls.join("\n")}
export { total };
`;
}

/** Writes the generated project into `dir`. */
async function generate(dir: string, resources: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < resources; i++)
    await writeFile(`${dir}/${name(i).toLowerCase()}.ts`, resourceFile(i, i === resources - 1));
  for (let d = 0; d < resources / PER_DOMAIN; d++) await writeFile(`${dir}/d${d}.ts`, domainFile(d));
  await writeFile(`${dir}/usage.ts`, usageFile(resources));
  await writeFile(
    `${dir}/tsconfig.json`,
    JSON.stringify({
      extends: "../../../../tsconfig.base.json",
      compilerOptions: { noEmit: true, declaration: false, sourceMap: false, rootDir: "." },
      include: ["*.ts"],
    }),
  );
}

/** Runs tsc under GNU time (for the peak RSS) when it is there, else reads the child's resource usage. */
function timeTsc(dir: string): Promise<{ seconds: number; peakMB: number; code: number; output: string }> {
  const tsc = `${ROOT}node_modules/.bin/tsc`;
  const args = ["--noEmit", "-p", `${dir}/tsconfig.json`];
  const gnuTime = existsSync("/usr/bin/time");
  const child = gnuTime
    ? spawn("/usr/bin/time", ["-v", tsc, ...args], { cwd: ROOT })
    : spawn(tsc, args, { cwd: ROOT });
  let output = "";
  child.stdout.on("data", (b: Buffer) => {
    output += b.toString();
  });
  child.stderr.on("data", (b: Buffer) => {
    output += b.toString();
  });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = (performance.now() - started) / 1000;
      const kb = gnuTime
        ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(output)?.[1] ?? 0)
        : process.resourceUsage().maxRSS;
      resolve({ seconds, peakMB: kb / 1024, code: code ?? 1, output });
    });
  });
}

export async function runTypecheck(options: RunOptions): Promise<ScenarioResult> {
  const resources = options.size === "quick" ? 20 : 100;
  // Under node_modules, so that a run cut short leaves nothing for `npm run check` to find.
  const dir = `${ROOT}node_modules/.cache/ashlar-bench/typecheck-${process.pid}`;
  const notes = [
    `${resources} resources (+${resources} small user resources), ${resources / PER_DOMAIN} domains, ${resources * 4} code-interface functions, all called with typed results; ashlar's packages are checked from source (customConditions ashlar-source, as in this repository)`,
  ];
  const na = { na: "ashlar only" };
  try {
    await generate(dir, resources);
    const run = await timeTsc(dir);
    if (run.code !== 0) {
      const errors = run.output
        .split("\n")
        .filter((l) => l.includes("error"))
        .slice(0, 3)
        .join(" | ");
      return {
        id: "typecheck-100",
        n: 11,
        contenders: { "ashlar-pg": { na: `tsc failed: ${errors}` } },
        notes,
      };
    }
    return {
      id: "typecheck-100",
      n: 11,
      contenders: {
        "ashlar-pg": { seconds: run.seconds, peakMB: run.peakMB },
        "ashlar-pglite": { na: "the same as ashlar-pg (types do not depend on the data layer)" },
        "sql-pg": na,
        drizzle: na,
        prisma: na,
      },
      notes,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
