/**
 * First in, first out, with O(1) `shift()`: `Array.prototype.shift()` moves every element
 * left, so draining a backlog of n items through it costs n² (a burst of 100 000 core NATS events
 * waiting for a handler slot took seconds of CPU). Taken items are cleared at once, and the array
 * is compacted when more than half of it is taken.
 */
export class FifoQueue<T> {
  private items: Array<T | undefined> = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Drops every item. */
  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
