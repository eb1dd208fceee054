// Worker thread of bench/auction.ts: `sessions.length` bidders post bids to the api over real HTTP
// for `ms` milliseconds, each waiting for its answer before the next bid, so the api's own process
// does nothing but serve them. Every attempt offers one increment more than the one sent before it.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

const { port, auctionId, sessions, ms, base, increment } = workerData;
const now = () => performance.timeOrigin + performance.now();
const agent = new http.Agent({ keepAlive: true, maxSockets: sessions.length });
let sent = 0;
let min = base;
const stats = { accepted: 0, attempts: 0, errors: 0, latencies: [] };

function post(s, amount) {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify({ amount, idempotencyKey: randomUUID() });
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: `/api/v1/auctions/${auctionId}/bids`,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          cookie: `jb_sid=${s.cookie}`,
          'x-csrf-token': s.csrf,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const end = Date.now() + ms;
await Promise.all(
  sessions.map(async (s) => {
    while (Date.now() < end) {
      const t0 = now();
      const res = await post(s, base + ++sent * increment);
      stats.latencies.push(now() - t0);
      stats.attempts++;
      const body = JSON.parse(res.body);
      if (res.status === 201) {
        stats.accepted++;
        min = Math.max(min, body.nextMinimumFen);
      } else if (res.status !== 409) stats.errors++;
    }
  }),
);
agent.destroy();
parentPort.postMessage({ ...stats, min });
