// An in-process cache of verified credentials, keyed by key hash and tagged by what they depend
// on (key, owner, org), so an invalidation drops exactly the affected entries. Bounded in size;
// entries also expire after a TTL as a safety net against a missed notification.
export interface CacheEntry<V> {
  value: V;
  tags: readonly string[];
  storedAt: number;
}

export class TaggedCache<V> {
  private readonly entries = new Map<string, CacheEntry<V>>();
  private readonly byTag = new Map<string, Set<string>>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt > this.ttlMs) {
      this.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, tags: readonly string[]): void {
    this.delete(key);
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.delete(oldest);
    }
    this.entries.set(key, { value, tags, storedAt: this.now() });
    for (const tag of tags) {
      const keys = this.byTag.get(tag) ?? new Set<string>();
      keys.add(key);
      this.byTag.set(tag, keys);
    }
  }

  invalidate(tags: readonly string[]): void {
    for (const tag of tags) {
      for (const key of this.byTag.get(tag) ?? []) this.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
    this.byTag.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }
}
