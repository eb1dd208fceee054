// The server's clock, as well as the browser can tell it, for day-scale countdowns (公示期, 挂牌期,
// 揭榜截止): a PC whose clock is off must still show the right time left to object or claim.
// Every api response's HTTP `Date` header is a sample (api/client.ts feeds them in); one offset is
// shared app-wide. The auction room keeps its own sub-second offset from its socket's ping/pong.

/**
 * Narrows serverTime − localTime (ms) from `Date` headers. A header is the server's time truncated to
 * the second, taken at some instant between sending the request and receiving the response, so each
 * sample bounds the offset to [date − receivedAt, date + 1000 − sentAt]; the samples' intersection
 * tightens with every response, and its middle is the estimate.
 */
export class ServerClock {
  private lo = -Infinity;
  private hi = Infinity;
  private offset = 0;

  /** `date` is the response's Date header (null when absent); sentAt/receivedAt are local Date.now()s. */
  note(date: string | null, sentAt: number, receivedAt: number): void {
    if (!date) return;
    const server = Date.parse(date);
    if (Number.isNaN(server) || receivedAt < sentAt) return;
    const lo = server - receivedAt;
    const hi = server + 1000 - sentAt;
    if (lo > this.hi || hi < this.lo) {
      // Disjoint from everything so far: the local clock was set meanwhile. Start again from here.
      this.lo = lo;
      this.hi = hi;
    } else {
      this.lo = Math.max(this.lo, lo);
      this.hi = Math.min(this.hi, hi);
    }
    this.offset = Math.round((this.lo + this.hi) / 2);
  }

  /** serverTime − localTime in ms; 0 until the first sample. */
  offsetMs(): number {
    return this.offset;
  }

  /** The server's current time in epoch ms. */
  now(localNow = Date.now()): number {
    return localNow + this.offset;
  }
}

export const serverClock = new ServerClock();

/** The server's current time in epoch ms: use it instead of Date.now() for anything the server times. */
export function serverNow(): number {
  return serverClock.now();
}
