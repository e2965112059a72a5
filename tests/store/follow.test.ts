import { afterEach, describe, expect, it } from 'vitest';
import { backends, titleOf, type TestDatabase } from './backends.js';
import { startFixture, type Child } from './processes.js';

const PEER = 'tests/store/fixtures/peer.ts';

/** When a line "seen <id> <kind> ..." appeared, by the printing process's clock. */
const seenAt = (line: string) => Number(line.split(' ').at(-1));
const ackOf = (line: string) => {
  const [, id, ms] = line.split(' ');
  return { id: id!, at: Number(ms) };
};

for (const backend of backends) {
  describe.skipIf(backend.skip)(titleOf(backend, 'two processes following one store'), () => {
    let db: TestDatabase | null = null;
    const children: Child[] = [];
    afterEach(async () => {
      for (const c of children.splice(0)) c.kill('SIGKILL');
      await db?.remove();
      db = null;
    });

    it("each sees the other's add and retract within 1 s", async () => {
      db = await backend.fresh();
      const env = { STORE_OPTIONS: JSON.stringify(db.options) };
      const [a, b] = [startFixture(PEER, [], env), startFixture(PEER, [], env)] as [Child, Child];
      children.push(a, b);
      await Promise.all([a.waitFor((l) => l === 'ready'), b.waitFor((l) => l === 'ready')]);

      a.send('add Report from process A');
      const added = ackOf(await a.waitFor((l) => l.startsWith('acked ')));
      const bSawAdd = await b.waitFor((l) => l.startsWith(`seen ${added.id} add-source`));

      b.send(`retract ${added.id}`);
      const retracted = ackOf(await b.waitFor((l) => l.startsWith('acked ')));
      const aSawRetract = await a.waitFor((l) => l.startsWith(`seen ${retracted.id} retract ${added.id}`));

      b.send('add Report from process B');
      const addedByB = ackOf(await b.waitFor((l) => l.startsWith(`acked `) && !l.startsWith(`acked ${retracted.id}`)));
      const aSawAdd = await a.waitFor((l) => l.startsWith(`seen ${addedByB.id} add-source`));

      const delays = [seenAt(bSawAdd) - added.at, seenAt(aSawRetract) - retracted.at, seenAt(aSawAdd) - addedByB.at];
      console.log(`${backend.name}: propagation between processes ${delays.map((d) => `${d} ms`).join(', ')}`);
      expect(Math.max(...delays)).toBeLessThan(1_000);
    }, 60_000);

    it('refuses a retraction of what another process already retracted, with the reason', async () => {
      db = await backend.fresh();
      const env = { STORE_OPTIONS: JSON.stringify(db.options) };
      const [a, b] = [startFixture(PEER, [], env), startFixture(PEER, [], env)] as [Child, Child];
      children.push(a, b);
      await Promise.all([a.waitFor((l) => l === 'ready'), b.waitFor((l) => l === 'ready')]);
      a.send('add Report to retract');
      const added = ackOf(await a.waitFor((l) => l.startsWith('acked ')));
      await b.waitFor((l) => l.startsWith(`seen ${added.id} `));
      a.send(`retract ${added.id}`);
      await a.waitFor((l) => l.startsWith('acked ') && !l.startsWith(`acked ${added.id}`));

      // B may not have seen A's retraction yet: the append hands it over inside the transaction, so B refuses.
      b.send(`retract ${added.id}`);
      expect(await b.waitFor((l) => l.startsWith('refused ') || (l.startsWith('acked ') && !l.startsWith(`acked ${added.id}`)))).toBe(
        `refused nothing to retract with id "${added.id}"`,
      );
    }, 60_000);
  });
}
