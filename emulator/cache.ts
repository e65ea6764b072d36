/**
 * Timing models of the R3000's external caches (tags only: the data always comes from RAM, which a
 * write-through D-cache keeps coherent). Direct-mapped, one 4-byte word per line, as on the R3000
 * (r3000.md §2: NetBSD `mips_config_cache_prehistoric` line size 4, 1 way; DECstation 3100 DTJ:
 * "64 kilobytes ... with a 4-byte line size").
 *
 * A line holds the physical word address it caches (pa >>> 2), or -1 when invalid, so a hit is one
 * compare: `tags[w & mask] === w`.
 */
export class TagCache {
  readonly tags: Int32Array;
  /** Index mask in words. */
  readonly mask: number;

  constructor(readonly sizeBytes: number) {
    if (sizeBytes < 4 || (sizeBytes & (sizeBytes - 1)) !== 0) throw new Error(`internal: cache size ${sizeBytes} is not a power of two`);
    this.tags = new Int32Array(sizeBytes >>> 2).fill(-1);
    this.mask = (sizeBytes >>> 2) - 1;
  }

  invalidateAll(): void {
    this.tags.fill(-1);
  }
}
