import { describe, expect, it } from 'vitest';
import { createLogMirror, type StoredUpdate } from '../../src/store/index.js';
import { backends, storesPerTest, titleOf } from './backends.js';

const actor = { platform: 'cli' as const, userId: 'm1', displayName: 'Moderator' };
const addSource = (id: string) => ({ kind: 'add-source' as const, payload: { id }, actor });
const retract = (id: string) => ({ kind: 'retract' as const, payload: { targetId: id }, actor, reason: 'wrong' });

/** A toy knowledge state: the live source ids, and the batches they were applied in. */
function sources() {
  const live = new Set<string>();
  const batches: number[][] = [];
  return {
    live,
    batches,
    apply(records: StoredUpdate[]) {
      batches.push(records.map((r) => r.seq));
      for (const r of records) {
        if (r.kind === 'retract') live.delete(String(r.target));
        else live.add(String(r.payload.id));
      }
    },
    check: (u: StoredUpdate) =>
      u.kind === 'retract' && !live.has(String(u.target))
        ? `nothing to retract with id "${String(u.target)}"`
        : u.kind === 'add-source' && live.has(String(u.payload.id))
          ? `a source with id "${String(u.payload.id)}" already exists`
          : null,
  };
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(titleOf(backend, 'a state mirroring the log'), () => {
    const { store } = storesPerTest(backend);

    it('starts from the whole log as one batch', async () => {
      const s = await store();
      await s.updates.append(addSource('a'));
      await s.updates.append(addSource('b'));
      await s.updates.append(retract('a'));
      const state = sources();
      const mirror = createLogMirror(s.updates, state.apply);
      await mirror.start();
      mirror.close();
      expect(state.batches).toEqual([[1, 2, 3]]);
      expect([...state.live]).toEqual(['b']);
    });

    it("refuses what another process's newer update made invalid, whether or not its follower has delivered it yet", async () => {
      const [mine, theirs] = [await store(), await store()];
      const state = sources();
      const mirror = createLogMirror(mine.updates, state.apply);
      await mirror.start();
      expect((await mirror.append(addSource('a'), state.check)).ok).toBe(true);
      const other = sources();
      const otherMirror = createLogMirror(theirs.updates, other.apply);
      await otherMirror.start();
      expect((await otherMirror.append(retract('a'), other.check)).ok).toBe(true);

      const again = await mirror.append(retract('a'), state.check);
      mirror.close();
      otherMirror.close();
      expect(again).toEqual({ ok: false, refused: true, error: 'nothing to retract with id "a"' });
      expect(state.live.size).toBe(0);
      // Each update applied once, in order, however it arrived.
      expect(state.batches.flat()).toEqual([1, 2]);
    });

    it('applies its own append at once and never twice when the follower sees it too', async () => {
      const s = await store();
      const state = sources();
      const mirror = createLogMirror(s.updates, state.apply);
      await mirror.start();
      const result = await mirror.append(addSource('c'), state.check);
      expect(state.live.has('c')).toBe(true);
      const duplicate = await mirror.append(addSource('c'), state.check);
      mirror.close();
      expect(result.ok && mirror.appliedSeq).toBe(1);
      expect(duplicate).toEqual({ ok: false, refused: true, error: 'a source with id "c" already exists' });
      expect(state.batches.flat()).toEqual([1]);
    });
  });
}
