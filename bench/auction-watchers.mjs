// Worker thread of bench/auction.ts: opens `count` websocket watchers on `url` (in batches, so the
// listen backlog is never overrun), records when each watcher receives each numbered message, and
// posts the receipt times back. Plain JS so it runs in a worker without a TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

const { url, count, expect: expected, batch = 200 } = workerData;
const now = () => performance.timeOrigin + performance.now();
/** receipts[k][i]: when watcher i received the k-th counted message (NaN if never). */
const receipts = Array.from({ length: expected }, () => new Float64Array(count).fill(NaN));
const counts = new Uint32Array(expected);
let first = null;
let got = 0;
const sockets = [];

function onMessage(i, data) {
  const t = now();
  const m = JSON.parse(data.toString());
  // Live bids (the api) or the bare broadcast's numbered messages; snapshots and heartbeats are not counted.
  if (m.type !== 'bid') return;
  if (first === null) first = m.seq;
  const k = m.seq - first;
  if (k < 0 || k >= expected || !Number.isNaN(receipts[k][i])) return;
  receipts[k][i] = t;
  got++;
  // Tell the sender once every watcher has message k, so it paces itself on the watchers.
  if (++counts[k] === count) parentPort.postMessage({ type: 'all', k });
  if (got === expected * count) done();
}

function done() {
  parentPort.postMessage(
    { type: 'done', first, receipts: receipts.map((r) => r.buffer) },
    receipts.map((r) => r.buffer),
  );
  for (const s of sockets) s.terminate();
}

async function open(i) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.on('message', (data) => onMessage(i, data));
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

for (let i = 0; i < count; i += batch) {
  const n = Math.min(batch, count - i);
  sockets.push(...(await Promise.all(Array.from({ length: n }, (_, j) => open(i + j)))));
}
parentPort.postMessage({ type: 'ready' });
parentPort.on('message', (m) => {
  if (m === 'finish') done();
});
