import { describe, expect, it } from "vitest";
import { LockTimeout } from "../contract.js";
import { KeyedLocks } from "./keyed-locks.js";

describe("KeyedLocks", () => {
  it("queues a second owner until the first releases, then grants it", async () => {
    const locks = new KeyedLocks(1000);
    const a = {};
    const b = {};
    await locks.acquire("k", a, "t");
    const order: string[] = [];
    const waiting = locks.acquire("k", b, "t").then(() => order.push("b granted"));
    await Promise.resolve();
    order.push("a releases");
    locks.releaseAll(a);
    await waiting;
    expect(order).toEqual(["a releases", "b granted"]);
  });

  it("grants every queued request of the next owner at once", async () => {
    const locks = new KeyedLocks(1000);
    const a = {};
    const b = {};
    await locks.acquire("k", a, "t");
    const first = locks.acquire("k", b, "t");
    const second = locks.acquire("k", b, "t");
    locks.releaseAll(a);
    await Promise.all([first, second]);
    // b holds the key: a third owner must wait, and gets it once b is done.
    const c = {};
    let granted = false;
    const third = locks.acquire("k", c, "t").then(() => {
      granted = true;
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(granted).toBe(false);
    locks.releaseAll(b);
    await third;
    expect(granted).toBe(true);
  });

  it("cancels the requests a finished owner still had queued, so the lock goes to a live owner", async () => {
    const locks = new KeyedLocks(200);
    const holder = {};
    const finished = {};
    const live = {};
    await locks.acquire("k", holder, "t");
    const abandoned = locks.acquire("k", finished, "t");
    const wanted = locks.acquire("k", live, "t");
    locks.releaseAll(finished);
    await expect(abandoned).rejects.toThrow(/finished while waiting/);
    locks.releaseAll(holder);
    await wanted;
    // live holds it now (not the finished owner): another owner has to wait, and times out.
    await expect(locks.acquire("k", {}, "t")).rejects.toBeInstanceOf(LockTimeout);
  });

  it("gives up after the timeout with a LockTimeout naming the table", async () => {
    const locks = new KeyedLocks(20);
    await locks.acquire("k", {}, "tickets");
    await expect(locks.acquire("k", {}, "tickets")).rejects.toBeInstanceOf(LockTimeout);
    await expect(locks.acquire("k", {}, "tickets")).rejects.toThrow(/tickets/);
  });
});
