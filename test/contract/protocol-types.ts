// Type-level checks compiled by `npm run typecheck` (tsconfig includes test/): the AsyncAPI message
// schemas (server/openapi/live-messages.ts) describe exactly the message types the server sends with
// (domain/auction-protocol.ts ServerMessage, domain/notifications.ts LiveMessage). A field added,
// removed or retyped on one side only fails to compile here.
import type { Static } from 'typebox';
import type { ServerMessage } from '../../domain/auction-protocol.js';
import type { LiveMessage } from '../../domain/notifications.js';
import type { AuctionServerMessage, NotificationLiveMessage } from '../../server/openapi/live-messages.js';

/** True when each type is assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const auctionRoomDocumented: Same<Static<typeof AuctionServerMessage>, ServerMessage> = true;
export const notificationsDocumented: Same<Static<typeof NotificationLiveMessage>, LiveMessage> = true;
