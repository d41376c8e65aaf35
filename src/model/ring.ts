// A fixed-capacity ring buffer for the scrape history: pushing onto a full ring overwrites the
// oldest element. Storage is allocated once, at construction; push allocates nothing.

/** Bounded FIFO history: `push` appends, overwriting the oldest element once `capacity` is reached. */
export class Ring<T> {
  /** Maximum number of elements held; fixed at construction. */
  readonly capacity: number;
  private readonly items: (T | undefined)[];
  /** Index in `items` of the oldest element. */
  private start = 0;
  private size = 0;

  /** Creates an empty ring holding at most `capacity` (a positive integer) elements. */
  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`Ring capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
    this.items = new Array<T | undefined>(capacity).fill(undefined);
  }

  /** Number of elements currently held (0 … capacity). */
  get length(): number {
    return this.size;
  }

  /** Appends `value` as the newest element, overwriting the oldest one if the ring is full. */
  push(value: T): void {
    if (this.size < this.capacity) {
      this.items[(this.start + this.size) % this.capacity] = value;
      this.size++;
    } else {
      this.items[this.start] = value;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** The element at `index`, oldest first (0 = oldest; negative counts from the newest, −1 = newest); undefined when out of range. */
  at(index: number): T | undefined {
    const i = Math.trunc(index);
    const k = i < 0 ? this.size + i : i;
    if (!(k >= 0 && k < this.size)) return undefined;
    return this.items[(this.start + k) % this.capacity];
  }

  /** The newest element, or undefined when empty. */
  last(): T | undefined {
    return this.size === 0 ? undefined : this.items[(this.start + this.size - 1) % this.capacity];
  }

  /** A new array of the elements, oldest first. */
  toArray(): T[] {
    const out = new Array<T>(this.size);
    for (let k = 0; k < this.size; k++) out[k] = this.items[(this.start + k) % this.capacity] as T;
    return out;
  }

  /** Removes every element (and drops the references so they can be collected). */
  clear(): void {
    this.items.fill(undefined);
    this.start = 0;
    this.size = 0;
  }

  /** Iterates oldest first. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let k = 0; k < this.size; k++) yield this.items[(this.start + k) % this.capacity] as T;
  }
}
