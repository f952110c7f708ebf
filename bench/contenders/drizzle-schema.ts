/** The helpdesk's tables (made by ashlar's migrations) described for Drizzle, with the relations its queries load. */
import { relations } from "drizzle-orm";
import { bigint, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const org = pgTable("org", {
  id: uuid("id").primaryKey(),
  name: text("name").notNull(),
  insertedAt: stamp("insertedAt").notNull().defaultNow(),
});

export const user = pgTable("user", {
  id: uuid("id").primaryKey(),
  email: text("email").notNull(),
  name: text("name").notNull(),
  role: text("role").notNull().default("customer"),
  hashedPassword: text("hashedPassword"),
  insertedAt: stamp("insertedAt").notNull().defaultNow(),
  orgId: uuid("orgId").notNull(),
});

export const ticket = pgTable("ticket", {
  id: uuid("id").primaryKey(),
  subject: text("subject").notNull(),
  body: text("body"),
  status: text("status").notNull().default("open"),
  priority: text("priority").notNull().default("normal"),
  internalNotes: text("internalNotes"),
  insertedAt: stamp("insertedAt").notNull().defaultNow(),
  updatedAt: stamp("updatedAt").notNull().defaultNow(),
  closedAt: stamp("closedAt"),
  reporterId: uuid("reporterId").notNull(),
  assigneeId: uuid("assigneeId"),
  orgId: uuid("orgId").notNull(),
});

export const comment = pgTable("comment", {
  id: uuid("id").primaryKey(),
  body: text("body").notNull(),
  insertedAt: stamp("insertedAt").notNull().defaultNow(),
  ticketId: uuid("ticketId").notNull(),
  authorId: uuid("authorId").notNull(),
});

export const event = pgTable("event", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
  recordId: uuid("recordId").notNull(),
  version: bigint("version", { mode: "number" }).notNull(),
  resource: text("resource").notNull(),
  action: text("action").notNull(),
  actionType: text("actionType").notNull(),
  data: jsonb("data").notNull(),
  changedAttributes: jsonb("changedAttributes").notNull(),
  metadata: jsonb("metadata").notNull(),
  tenant: text("tenant"),
  actorId: uuid("actorId"),
  occurredAt: stamp("occurredAt").notNull(),
});

export const ticketRelations = relations(ticket, ({ one, many }) => ({
  reporter: one(user, { fields: [ticket.reporterId], references: [user.id] }),
  comments: many(comment),
}));

export const commentRelations = relations(comment, ({ one }) => ({
  ticket: one(ticket, { fields: [comment.ticketId], references: [ticket.id] }),
}));
