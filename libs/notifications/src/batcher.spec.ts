import { Batcher } from './batcher';

/** A batch function that records each batch it is given and answers key * 10, or fails on demand. */
function recording(fail: (keys: number[]) => boolean = () => false): {
  batches: number[][];
  run: (keys: number[]) => Promise<Map<number, number>>;
} {
  const batches: number[][] = [];
  return {
    batches,
    run: async (keys) => {
      batches.push([...keys]);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail(keys)) throw new Error(`batch ${keys.join()} failed`);
      return new Map(keys.filter((key) => key !== 13).map((key) => [key, key * 10]));
    },
  };
}

describe('Batcher', () => {
  it('answers a lone call with its own batch', async () => {
    const { batches, run } = recording();
    await expect(new Batcher(run).call(4)).resolves.toBe(40);
    expect(batches).toEqual([[4]]);
  });

  it('gathers the calls of one turn into one batch, and those made while it runs into the next', async () => {
    const { batches, run } = recording();
    const batcher = new Batcher(run);
    const first = [1, 2, 3].map((key) => batcher.call(key));
    await new Promise((resolve) => setTimeout(resolve, 1)); // the first batch is running
    const second = [4, 5].map((key) => batcher.call(key));
    await expect(Promise.all([...first, ...second])).resolves.toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('splits at maxBatch', async () => {
    const { batches, run } = recording();
    const batcher = new Batcher(run, { maxBatch: 2 });
    await expect(Promise.all([1, 2, 3, 4, 5].map((key) => batcher.call(key)))).resolves.toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('with lingerMs, gathers the calls made within that time into one batch', async () => {
    const { batches, run } = recording();
    const batcher = new Batcher(run, { lingerMs: 20 });
    const first = batcher.call(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = batcher.call(2);
    await expect(Promise.all([first, second])).resolves.toEqual([10, 20]);
    expect(batches).toEqual([[1, 2]]);
  });

  it('answers undefined for a key the batch did not answer, and for the second call of a key in one batch', async () => {
    const { run } = recording();
    const batcher = new Batcher(run);
    await expect(Promise.all([batcher.call(13), batcher.call(7), batcher.call(7)])).resolves.toEqual([undefined, 70, undefined]);
  });

  it('fails every call of a failed batch, and still runs the next', async () => {
    const { batches, run } = recording((keys) => keys.includes(1));
    const batcher = new Batcher(run);
    const failed = [1, 2].map((key) => batcher.call(key));
    await new Promise((resolve) => setTimeout(resolve, 1));
    const later = batcher.call(3);
    const settled = await Promise.allSettled([...failed, later]);
    expect(settled.map((result) => result.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(settled[2]).toEqual({ status: 'fulfilled', value: 30 });
    expect(batches).toEqual([[1, 2], [3]]);
  });
});
