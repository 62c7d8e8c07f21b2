import { FifoQueue } from '../../src/util/fifo-queue';

describe('FifoQueue', () => {
  it('gives items back in order, across the compactions of a long backlog', () => {
    const queue = new FifoQueue<number>();
    for (let i = 0; i < 5000; i++) queue.push(i);
    const taken: number[] = [];
    for (let i = 0; i < 3000; i++) taken.push(queue.shift()!);
    for (let i = 5000; i < 6000; i++) queue.push(i);
    expect(queue.length).toBe(3000);
    let item: number | undefined;
    while ((item = queue.shift()) !== undefined) taken.push(item);
    expect(taken).toEqual(Array.from({ length: 6000 }, (_, i) => i));
    expect(queue.length).toBe(0);
    expect(queue.shift()).toBeUndefined();
  });

  it('drops everything on clear() and takes new items after it', () => {
    const queue = new FifoQueue<string>();
    queue.push('a');
    queue.push('b');
    queue.shift();
    queue.clear();
    expect(queue.length).toBe(0);
    expect(queue.shift()).toBeUndefined();
    queue.push('c');
    expect(queue.shift()).toBe('c');
  });

  it('takes a backlog of 200 000 in linear time (Array.shift() took seconds)', () => {
    const queue = new FifoQueue<number>();
    for (let i = 0; i < 200_000; i++) queue.push(i);
    const started = performance.now();
    let sum = 0;
    for (let i = 0; i < 200_000; i++) sum += queue.shift()!;
    expect(sum).toBe((199_999 * 200_000) / 2);
    // Generous for a shared CI machine: the quadratic version needs several seconds here.
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
