// A bounded heap for the doc values' first-stage ranking (pg-doc-select.ts): keeps the n best
// (key, docno) pairs of a pass over every candidate without sorting them all.

/** Keeps the n largest (key, docno) pairs; ties go to the lower docno. */
export class TopN {
  private keys: Float64Array;
  private docs: Int32Array;
  private size = 0;

  constructor(private readonly n: number) {
    this.keys = new Float64Array(Math.max(1, n));
    this.docs = new Int32Array(Math.max(1, n));
  }

  /** True when (a, da) ranks below (b, db). */
  private static worse(a: number, da: number, b: number, db: number): boolean {
    return a < b || (a === b && da > db);
  }

  offer(key: number, doc: number): void {
    if (this.n === 0) return;
    const { keys, docs } = this;
    if (this.size < this.n) {
      // Sift up in a min-heap ordered by "worse".
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!TopN.worse(key, doc, keys[parent]!, docs[parent]!)) break;
        keys[i] = keys[parent]!;
        docs[i] = docs[parent]!;
        i = parent;
      }
      keys[i] = key;
      docs[i] = doc;
      return;
    }
    if (!TopN.worse(keys[0]!, docs[0]!, key, doc)) return;
    // Replace the root (the worst kept) and sift down.
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      let mk = key;
      let md = doc;
      if (l < this.size && TopN.worse(keys[l]!, docs[l]!, mk, md)) {
        m = l;
        mk = keys[l]!;
        md = docs[l]!;
      }
      if (r < this.size && TopN.worse(keys[r]!, docs[r]!, mk, md)) {
        m = r;
      }
      if (m === i) break;
      keys[i] = keys[m]!;
      docs[i] = docs[m]!;
      i = m;
    }
    keys[i] = key;
    docs[i] = doc;
  }

  /** Best first. */
  sorted(): number[] {
    const out = Array.from({ length: this.size }, (_, i) => i);
    out.sort((a, b) => this.keys[b]! - this.keys[a]! || this.docs[a]! - this.docs[b]!);
    return out.map((i) => this.docs[i]!);
  }
}
