import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { benchPool } from "../lib/pool.js";
import { type Contender, newTicket, type Row } from "./contender.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SCHEMA = fileURLToPath(new URL("../prisma/schema.prisma", import.meta.url));
const GENERATED = `${ROOT}node_modules/.cache/ashlar-bench/prisma/client.ts`;

type Args = Record<string, unknown>;
/** The part of a generated model delegate the benchmark calls (the generated types stay out of `npm run check`). */
interface Delegate {
  findUnique(args: Args): Promise<Row | null>;
  findMany(args: Args): Promise<Row[]>;
  create(args: Args): Promise<Row>;
  update(args: Args): Promise<Row>;
}
interface PrismaLike {
  ticket: Delegate;
  event: Delegate;
  $transaction<T>(fn: (tx: PrismaLike) => Promise<T>): Promise<T>;
  $disconnect(): Promise<void>;
}

/**
 * Generates the Prisma client from bench/prisma/schema.prisma when it is missing or older than the schema,
 * offline: the generator needs no engine binary (PRISMA_SCHEMA_ENGINE_BINARY=/bin/true stands in for the
 * schema engine it never calls). Answers why it failed, or undefined.
 */
export function generatePrismaClient(): string | undefined {
  if (existsSync(GENERATED) && statSync(GENERATED).mtimeMs > statSync(SCHEMA).mtimeMs) return undefined;
  const result = spawnSync(`${ROOT}node_modules/.bin/prisma`, ["generate", "--schema", SCHEMA], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
      CHECKPOINT_DISABLE: "1",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
  if (result.status === 0 && existsSync(GENERATED)) return undefined;
  return `prisma generate failed: ${(result.stderr || result.stdout || String(result.error)).trim().split("\n").slice(-3).join(" ")}`;
}

/**
 * Prisma 7's client (query compiler, no engine binary) on `pg` through `@prisma/adapter-pg`. Its `orderBy`
 * sorts a text column by its text, so lists sort priority alphabetically (the same amount of work, other
 * rows first); it has no filter on a relation's count, so the aggregate list is n/a.
 */
export async function prismaContender(connectionString: string): Promise<Contender> {
  const { PrismaClient } = (await import(pathToFileURL(GENERATED).href)) as {
    PrismaClient: new (options: { adapter: PrismaPg }) => PrismaLike;
  };
  const pool = benchPool(connectionString);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const byPriority = {
    orderBy: [{ priority: "desc" }, { insertedAt: "asc" }, { id: "asc" }],
    take: 50,
  };
  const openOf = (orgId: string) => ({ orgId, status: "open" });
  return {
    id: "prisma",
    unsupported: {
      "list-aggregate": "Prisma cannot filter on a relation's count (commentCount >= 2) without raw SQL",
    },
    caveats: {
      "list-open": "priority sorted as text (alphabetically): Prisma orders a text column only by its text",
      "list-loaded": "priority sorted as text (alphabetically)",
      "list-policy": "priority sorted as text (alphabetically)",
    },
    getById: async (id) => (await prisma.ticket.findUnique({ where: { id } })) ?? undefined,
    listOpen: (orgId) => prisma.ticket.findMany({ where: openOf(orgId), ...byPriority }),
    listLoaded: (orgId) =>
      prisma.ticket.findMany({
        where: openOf(orgId),
        include: { reporter: true, comments: true },
        ...byPriority,
      }),
    listPolicy: (customer) =>
      prisma.ticket.findMany({
        where: { ...openOf(customer.orgId), reporterId: customer.id },
        omit: { internalNotes: true },
        ...byPriority,
      }),
    openTicket: async (customer, input, withEvent) => {
      const data = newTicket(customer, input);
      if (!withEvent) return prisma.ticket.create({ data });
      return prisma.$transaction(async (tx) => {
        const row = await tx.ticket.create({ data });
        await tx.event.create({
          data: {
            recordId: data.id,
            version: 1,
            resource: "ticket",
            action: "open",
            actionType: "create",
            data: input,
            changedAttributes: {
              id: data.id,
              status: "open",
              reporterId: customer.id,
              orgId: customer.orgId,
            },
            metadata: { orgId: customer.orgId },
            actorId: customer.id,
            occurredAt: data.insertedAt,
          },
        });
        return row;
      });
    },
    closeTicket: async (agent, ticketId) => {
      if (agent.role !== "agent" && agent.role !== "admin") throw new Error("forbidden");
      const now = new Date();
      return prisma.ticket.update({
        where: { id: ticketId, orgId: agent.orgId },
        data: { status: "closed", closedAt: now, updatedAt: now },
      });
    },
    loadParents: (ids) =>
      prisma.ticket.findMany({ where: { id: { in: [...ids] } }, include: { comments: true } }),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
