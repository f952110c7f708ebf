import { createApp, memory } from "@ashlar/core";
import { Support } from "./domain.js";

/**
 * The quickstart: builds the support domain on the in-memory data layer and walks through a create, a
 * filtered read, an update, and an invalid call that writes nothing.
 */
const app = await createApp({ domains: [Support], dataLayer: memory() });
const say = (label: string, value: unknown) => console.log(`${label.padEnd(28)} ${JSON.stringify(value)}`);

app.pubsub.subscribe({ resource: "ticket" }, (n) => say(`  notification ${n.action}`, n.changes));

const ada = await app.support.register("ada@example.test", "Ada", { role: "agent" });
say("registered", { id: ada.id, email: ada.email, role: ada.role });

const fire = await app.support.openTicket("Printer on fire", { priority: "urgent" }, { actor: ada });
await app.support.openTicket("Password reset", { estimateHours: "0.5" }, { actor: ada });
say("opened", { subject: fire.subject, priority: fire.priority, reporterId: fire.reporterId });

const urgent = await app.support.listTickets({
  filter: { priority: { in: ["high", "urgent"] } },
  sort: ["-insertedAt"],
});
say(
  "urgent tickets",
  urgent.map((t) => t.subject),
);

const closed = await app.support.closeTicket(fire.id, {}, { actor: ada });
say("closed", { subject: closed.subject, status: closed.status });

const attempt = await app.support.openTicket.safe(
  "",
  { priority: "someday" as "low", estimateHours: "-1" },
  { actor: ada },
);
if (!attempt.ok) {
  say(
    `rejected (${attempt.error.class})`,
    attempt.error.errors.map((e) => e.toString()),
  );
}
const all = await app.support.listTickets();
say("tickets stored", all.length);

const duplicate = await app.support.register.safe("ADA@example.test", "Another Ada");
if (!duplicate.ok)
  say(
    "duplicate email",
    duplicate.error.errors.map((e) => e.toString()),
  );

await app.close();
