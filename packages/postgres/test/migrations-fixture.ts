import { type AnyResource, belongsTo, createApp, defaults, domain, memory, resource, t } from "@ashlar/core";
import { type Snapshot, snapshotOf } from "@ashlar/postgres";

/**
 * Three versions of a small blog, as a project's resources evolve:
 * v1: authors (unique case-insensitive email) and posts (generated integer id, belongsTo author).
 * v2: author.name renamed to fullName, author.bio added, post.title optional and unique (nils collide), post.views.
 * v3: the post resource renamed to article.
 */
const Author1 = resource("author", {
  attributes: { id: t.uuidv7().primaryKey(), name: t.string(), email: t.ciString() },
  identities: { uniqueEmail: ["email"] },
  actions: { ...defaults("read", "create") },
});
const Post1 = resource("post", {
  attributes: { id: t.integer().primaryKey().generated(), title: t.string() },
  relationships: { author: belongsTo("author") },
  actions: { ...defaults("read", "create") },
});

const Author2 = resource("author", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    fullName: t.string(),
    email: t.ciString(),
    bio: t.string().optional(),
  },
  identities: { uniqueEmail: ["email"] },
  actions: { ...defaults("read", "create") },
});
const Post2 = resource("post", {
  attributes: {
    id: t.integer().primaryKey().generated(),
    title: t.string().optional(),
    views: t.integer().optional(),
  },
  identities: { uniqueTitle: { keys: ["title"], nilsDistinct: false } },
  relationships: { author: belongsTo("author") },
  actions: { ...defaults("read", "create") },
});
const Article3 = resource("article", {
  attributes: {
    id: t.integer().primaryKey().generated(),
    title: t.string().optional(),
    views: t.integer().optional(),
  },
  identities: { uniqueTitle: { keys: ["title"], nilsDistinct: false } },
  relationships: { author: belongsTo("author") },
  actions: { ...defaults("read", "create") },
});

/** The snapshot of a set of resources, read from an in-memory app's table specs. */
export async function snapshotOfResources(resources: readonly AnyResource[]): Promise<Snapshot> {
  const app = await createApp({
    domains: [domain("blog", { resources: [...resources] })],
    dataLayer: memory(),
  });
  return snapshotOf(resources.map((r) => app.engine.runtimeOf(r).table));
}

export const blogV1 = () => snapshotOfResources([Author1, Post1]);
export const blogV1Reordered = () => snapshotOfResources([Post1, Author1]);
export const blogV2 = () => snapshotOfResources([Author2, Post2]);
export const blogV3 = () => snapshotOfResources([Author2, Article3]);

/** v1 → v2 keeps the author's name under its new name. */
export const v2Renames = { columns: { author: { name: "fullName" } } };
export const v3Renames = { tables: { post: "article" } };
