import {
  belongsTo,
  createApp,
  domain,
  FrameworkError,
  hasMany,
  manageRelationship,
  memory,
  read,
  resource,
  t,
  update,
} from "@ashlar/core";
import { describe, expect, it } from "vitest";

/**
 * manageRelationship definitions that need no data layer; its behaviour (hasMany, hasOne, belongsTo,
 * manyToMany, rollbacks) is in the data-layer conformance suite (src/conformance/manage-relationship*.ts).
 */
describe("manageRelationship definitions", () => {
  it("describes itself", () => {
    expect(manageRelationship("tags", "tags", { type: "appendAndRemove" }).describe()).toBe(
      "manages tags from the tags argument (appendAndRemove)",
    );
  });

  it("rejects an unknown option value when defined", () => {
    expect(() =>
      manageRelationship("tags", "tags", { type: "append", onMissing: "explode" as "destroy" }),
    ).toThrow(/onMissing "explode" is unknown; use ignore, unrelate, destroy/);
  });

  it("a misspelt argument is a compile error, and the app refuses to build", async () => {
    const args = { notes: t.array(t.json()) };
    const Post = resource("post", {
      attributes: { id: t.uuidv7().primaryKey() },
      relationships: { notes: hasMany("note") },
      actions: {
        read: read({ primary: true }),
        // The ChangeDef's Refs carry "nots", which is neither an argument of edit nor a field of post.
        // @ts-expect-error "nots" is misspelt ("notes")
        edit: update({ arguments: args, changes: [manageRelationship("nots", "notes", { type: "append" })] }),
      },
    });
    const Note = resource("note", {
      attributes: { id: t.uuidv7().primaryKey() },
      relationships: { post: belongsTo("post") },
      actions: { read: read({ primary: true }) },
    });
    const built = createApp({ domains: [domain("blog", { resources: [Post, Note] })], dataLayer: memory() });
    await expect(built).rejects.toThrow(
      /manageRelationship refers to "nots", which is not an attribute or argument/,
    );
  });

  it("is checked when the app is built: arguments, action kinds and required foreign keys", async () => {
    const Project = resource("project", {
      attributes: { id: t.uuidv7().primaryKey(), name: t.string() },
      relationships: { tasks: hasMany("task") },
      actions: {
        read: read({ primary: true }),
        // "name" is an attribute, not an argument: there is nothing to read the tasks from.
        misused: update({ changes: [manageRelationship("name", "tasks", { type: "append" })] }),
        // Unrelating a task would set its required projectId to nil.
        unrelate: update({
          arguments: { tasks: t.array(t.json()) },
          changes: [manageRelationship("tasks", "tasks", { type: "appendAndRemove" })],
        }),
      },
    });
    const Task = resource("task", {
      attributes: { id: t.uuidv7().primaryKey() },
      relationships: { project: belongsTo("project", { attribute: t.uuid() }) },
      actions: { read: read({ primary: true }), update: update({ primary: true, accept: ["projectId"] }) },
    });
    const built = createApp({
      domains: [domain("work", { resources: [Project, Task] })],
      dataLayer: memory(),
    });
    const error = (await built.catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(FrameworkError);
    expect(error.message).toContain(
      'project (actions.misused.changes): manageRelationship("name", "tasks"): "name" is not an argument of the action',
    );
    expect(error.message).toContain('projectId is required; use onMissing: "destroy"');
  });
});
