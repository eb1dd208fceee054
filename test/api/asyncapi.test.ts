// The AsyncAPI 3 document of the websockets (issue 14 §3): @asyncapi/parser reads it without error;
// every message type the server sends (domain/auction-protocol.ts, domain/notifications.ts) is in it;
// and messages captured from real sockets match the payload schemas it publishes.
import { Parser } from '@asyncapi/parser';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SERVER_MESSAGE_TYPES } from '../../domain/auction-protocol.js';
import { LIVE_MESSAGE_TYPES } from '../../domain/notifications.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { auctionListing, registerBidders, startNow } from '../helpers/auctions.js';
import { createOperator, verifiedMember, type Session } from '../helpers/factories.js';
import { Watcher } from '../helpers/live.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestContext;
let doc: Json;
let host: string;

beforeAll(async () => {
  t = await setupTestApp({ AUCTION_START_LEAD: 'PT1H' });
  doc = (await t.app.inject({ method: 'GET', url: '/docs/asyncapi.json' })).json();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  host = `127.0.0.1:${address.port}`;
});
afterAll(() => t.close());

/** The `type` values of the messages the server sends on a channel (its `send` operations). */
function sentTypes(channel: string): string[] {
  const types = Object.values(doc.operations as Json)
    .filter((op) => op.action === 'send' && op.channel.$ref === `#/channels/${channel}`)
    .flatMap((op) => op.messages.map((m: Json) => m.$ref.split('/').pop() as string))
    .map((key) => doc.components.messages[key].payload as Json)
    .flatMap((payload) => (payload.anyOf ?? [payload]).map((p: Json) => p.properties.type.const as string));
  return [...new Set(types)].sort();
}

/** A validator of one channel's server messages, from the payload schemas the document publishes. */
function validatorOf(channel: string) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const byType = new Map<string, ReturnType<Ajv['compile']>>();
  for (const key of Object.keys(doc.channels[channel].messages)) {
    const payload = doc.components.messages[key].payload as Json;
    for (const p of payload.anyOf ?? [payload]) {
      if (!key.endsWith('Request')) byType.set(p.properties.type.const, ajv.compile(payload));
    }
  }
  return (m: { type: string }) => {
    const validate = byType.get(m.type);
    if (!validate) return `${m.type}: not documented`;
    return validate(m) ? null : `${m.type}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(m)}`;
  };
}

describe('AsyncAPI document', () => {
  it('parses as AsyncAPI 3 without errors', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(doc));
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    expect(
      document
        ?.channels()
        .all()
        .map((c) => c.address())
        .sort(),
    ).toEqual(['/api/v1/auctions/{id}/live', '/api/v1/live']);
  });

  it('has every message type the server sends on each socket', () => {
    expect(sentTypes('auctionRoom')).toEqual([...SERVER_MESSAGE_TYPES].sort());
    expect(sentTypes('notifications')).toEqual([...LIVE_MESSAGE_TYPES].sort());
  });

  it('describes what the auction room really sends', async () => {
    const operator = await createOperator(t.app, t.database.db);
    const institution = await verifiedMember(t.app, operator, 'institution');
    const { auctionId } = await auctionListing(t.app, institution, operator);
    const [bidder] = await registerBidders(t.app, operator, auctionId, 1);
    await startNow(t.database.db, auctionId, 10 * 60_000);

    const url = `ws://${host}/api/v1/auctions/${auctionId}/live`;
    const watcher = new Watcher(url, bidder!.cookie);
    const snapshot = await watcher.connect();
    watcher.send({ type: 'bid', amount: snapshot.auction.nextMinimumFen, idempotencyKey: 'contract-bid-1' });
    watcher.send({ type: 'bid', amount: 1, idempotencyKey: 'contract-bid-2' });
    watcher.send({ type: 'ping', clientTime: 1 });
    watcher.send('not json');
    await watcher.waitFor(() => {
      const types = watcher.received.map((m) => m.type);
      return (
        ['bid', 'pong', 'error'].every((x) => types.includes(x as never)) &&
        types.filter((x) => x === 'bidResult').length === 2
      );
    });
    watcher.ws.close();

    const check = validatorOf('auctionRoom');
    expect(watcher.received.map(check).filter(Boolean)).toEqual([]);
    // Both answers to a bid, accepted and refused, were seen and match.
    const results = watcher.received.filter((m) => m.type === 'bidResult') as Array<{ accepted: boolean }>;
    expect(results.map((r) => r.accepted).sort()).toEqual([false, true]);
  });

  it('describes what the notification socket really sends', async () => {
    const operator: Session = await createOperator(t.app, t.database.db);
    const socket = new WebSocket(`ws://${host}/api/v1/live`, { headers: { cookie: `jb_sid=${operator.cookie}` } });
    const received: Array<{ type: string }> = [];
    socket.on('message', (data) => received.push(JSON.parse(String(data)) as { type: string }));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify({ type: 'ping' }));
    await expect.poll(() => ['hello', 'pong'].every((x) => received.some((m) => m.type === x))).toBe(true);
    socket.close();
    expect(received.map((m) => m.type).sort()).toEqual(['hello', 'pong']);
    expect(received.map(validatorOf('notifications')).filter(Boolean)).toEqual([]);
  });
});
