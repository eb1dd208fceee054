// A websocket watcher of an auction room, as a client page would hold it: it applies bids strictly
// in seq order (ignoring repeats), asks to resume after a gap, and keeps everything it received.
import WebSocket from 'ws';
import type { PublicBid, ServerMessage } from '../../domain/auction-protocol.js';

export class Watcher {
  ws!: WebSocket;
  /** Every message received, across reconnects. */
  readonly received: ServerMessage[] = [];
  /** The bids applied, in order: must be a gap-free prefix of the stored log. */
  readonly applied: PublicBid[] = [];
  /** Seqs received out of order (a gap the server let through) — must stay empty. */
  readonly gaps: Array<{ expected: number; got: number }> = [];
  lastSeq = 0;
  closed = false;
  private waiters: Array<() => void> = [];

  constructor(
    /** Where `connect` goes: a test moves it to another api instance to resume there. */
    public url: string,
    private readonly cookie?: string,
  ) {}

  /** Connects and resolves on the snapshot; with `resume`, asks (in the URL) for every bid after lastSeq. */
  async connect(resume = false): Promise<Extract<ServerMessage, { type: 'snapshot' }>> {
    const url = resume ? `${this.url}?afterSeq=${this.lastSeq}` : this.url;
    this.ws = new WebSocket(url, this.cookie ? { headers: { cookie: `jb_sid=${this.cookie}` } } : {});
    this.closed = false;
    this.ws.on('message', (data) => this.onMessage(JSON.parse(data.toString()) as ServerMessage));
    this.ws.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w();
    });
    await new Promise<void>((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    const snapshot = (await this.waitFor((m) => m.type === 'snapshot')) as Extract<ServerMessage, { type: 'snapshot' }>;
    if (!resume && this.applied.length === 0) this.lastSeq = snapshot.seq;
    return snapshot;
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  private onMessage(m: ServerMessage): void {
    this.received.push(m);
    if (m.type === 'bid') {
      if (m.seq <= this.lastSeq) {
        // A repeat (after a resume): ignored.
      } else if (m.seq === this.lastSeq + 1) {
        this.applied.push({ seq: m.seq, bidder: m.bidder, amount: m.amount, at: m.at, endsAt: m.endsAt, hash: m.hash });
        this.lastSeq = m.seq;
      } else {
        this.gaps.push({ expected: this.lastSeq + 1, got: m.seq });
      }
    }
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves with the first message (already received or coming) that matches. */
  async waitFor(pred: (m: ServerMessage) => boolean, timeoutMs = 60_000): Promise<ServerMessage> {
    const deadline = Date.now() + timeoutMs;
    let from = 0;
    for (;;) {
      for (; from < this.received.length; from++) if (pred(this.received[from]!)) return this.received[from]!;
      if (this.closed) throw new Error(`socket closed; last messages: ${JSON.stringify(this.received.slice(-3))}`);
      if (Date.now() > deadline)
        throw new Error(`timed out; last messages: ${JSON.stringify(this.received.slice(-3))}`);
      await new Promise<void>((r) => {
        const timer = setTimeout(r, Math.max(0, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          r();
        });
      });
    }
  }

  async waitForSeq(seq: number, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.lastSeq < seq) {
      if (Date.now() > deadline) throw new Error(`timed out at seq ${this.lastSeq}, waiting for ${seq}`);
      await new Promise<void>((r) => {
        const timer = setTimeout(r, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          r();
        });
      });
    }
  }

  close(): void {
    this.ws.close();
  }

  /** Cuts the connection without a closing handshake, as a network drop would. */
  drop(): void {
    this.ws.terminate();
  }
}
