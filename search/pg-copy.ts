// A rebuild's terms go in by binary COPY (search/README.md, Rebuild): each document's tsvector in
// PostgreSQL's binary form (tsvectorrecv), built from the same entries as the upserts' text
// literal (pg-tsvector.ts). Profiled at 10,000 documents, a JSON row with the text literal cost
// PostgreSQL ~70 µs a document to parse the JSON and ~130 µs to parse the literal — a third of its
// rebuild CPU; the binary form skips both, and Node no longer quotes and escapes ~3 KB a document.

import type pg from 'pg';
import { tsvectorEntries, type EntryPositions } from './pg-tsvector.js';
import type { SearchDocument } from './types.js';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** A growing buffer of big-endian fields. */
class Writer {
  buf: Buffer;
  at = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  reserve(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.at + bytes) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }

  int16(v: number): void {
    this.reserve(2);
    this.at = this.buf.writeInt16BE(v, this.at);
  }

  int32(v: number): void {
    this.reserve(4);
    this.at = this.buf.writeInt32BE(v, this.at);
  }
}

// A document's lexemes as UTF-8, NUL after each: one Buffer#write for all of them, then copied
// entry by entry (a write per lexeme was a tenth of the in-memory build's profile, most of it call cost).
let scratch = Buffer.allocUnsafe(1 << 16);

/** One document's tsvector in tsvectorsend's layout: entry count, then per lexeme its NUL-ended UTF-8 and positions. */
function writeTsvector(w: Writer, entries: Map<string, EntryPositions>): void {
  w.int32(entries.size);
  if (entries.size === 0) return;
  // Lexemes hold no NUL (the segmenter emits letters, digits and . - _; marks add ^ ~ =).
  const joined = `${[...entries.keys()].join('\0')}\0`;
  if (scratch.length < joined.length * 3) scratch = Buffer.allocUnsafe(joined.length * 3);
  const bytes = scratch.write(joined, 0, 'utf8');
  let positions = 0;
  for (const found of entries.values()) positions += found === null ? 0 : typeof found === 'number' ? 1 : found.length;
  w.reserve(bytes + 2 * entries.size + 2 * positions);
  const buf = w.buf;
  let at = w.at;
  let from = 0;
  for (const found of entries.values()) {
    let b: number;
    do {
      b = scratch[from++]!;
      buf[at++] = b;
    } while (b !== 0);
    if (found === null) {
      buf[at++] = 0;
      buf[at++] = 0;
    } else if (typeof found === 'number') {
      buf[at++] = 0;
      buf[at++] = 1;
      buf[at++] = found >> 8;
      buf[at++] = found & 0xff;
    } else {
      buf[at++] = found.length >> 8;
      buf[at++] = found.length & 0xff;
      for (let i = 0; i < found.length; i++) {
        buf[at++] = found[i]! >> 8;
        buf[at++] = found[i]! & 0xff;
      }
    }
  }
  w.at = at;
}

/** Binary COPY data of (docno, tsv) rows for documents numbered from `firstDocno`. */
export function termsCopyData(docs: readonly SearchDocument[], firstDocno: number): Buffer {
  // A document's vector takes ~3 KB: room for the batch up front rather than doubling into it.
  const w = new Writer(Math.max(1 << 16, docs.length * 4096));
  w.reserve(SIGNATURE.length + 8);
  w.at += SIGNATURE.copy(w.buf, w.at);
  w.int32(0); // flags
  w.int32(0); // header extension length
  docs.forEach((doc, i) => {
    w.int16(2);
    w.int32(8);
    w.reserve(8);
    w.at = w.buf.writeBigInt64BE(BigInt(firstDocno + i), w.at);
    const lengthAt = w.at;
    w.int32(0);
    writeTsvector(w, tsvectorEntries(doc));
    w.buf.writeInt32BE(w.at - lengthAt - 4, lengthAt);
  });
  w.int16(-1);
  return w.buf.subarray(0, w.at);
}

/** COPY … FROM STDIN of `data` on a checked-out client, as a query pg can queue (what pg-copy-streams does). */
class CopyIn {
  private settled = false;

  constructor(
    readonly text: string,
    private readonly data: Buffer,
    private readonly done: (error: Error | null) => void,
  ) {}

  submit(connection: { query(text: string): void }): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void }): void {
    const CHUNK = 1 << 16;
    for (let at = 0; at < this.data.length; at += CHUNK) {
      connection.sendCopyFromChunk(this.data.subarray(at, at + CHUNK));
    }
    connection.endCopyFrom();
  }

  handleCommandComplete(): void {}

  // Settled at the first error: a lost connection reports one and never becomes ready again (the
  // client queues later queries until the server's ReadyForQuery, so releasing it early is safe).
  handleError(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.done(error);
  }

  handleReadyForQuery(): void {
    if (this.settled) return;
    this.settled = true;
    this.done(null);
  }
}

/** Runs `copy <target> from stdin (format binary)` with `data` on `client`. */
export function copyIn(client: pg.ClientBase, target: string, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const query = new CopyIn(`copy ${target} from stdin (format binary)`, data, (error) =>
      error ? reject(error) : resolve(),
    );
    (client as unknown as { query(q: CopyIn): unknown }).query(query);
  });
}
