// A notification as the API and the live socket send it.
import { Type, type Static } from 'typebox';
import { NOTIFICATION_KINDS } from '../../domain/constants/notifications.js';
import type { Notification } from '../../db/schema/index.js';
import { notificationMessage } from './service.js';
import { DateTime, Enum, Nullable, Uuid } from '../schemas.js';

export const NotificationView = Type.Object({
  id: Uuid,
  kind: Enum(NOTIFICATION_KINDS),
  title: Type.String(),
  body: Type.String(),
  listingId: Nullable(Uuid),
  data: Type.Record(Type.String(), Type.Unknown()),
  readAt: Nullable(DateTime),
  createdAt: DateTime,
});

export function notificationView(n: Notification): Static<typeof NotificationView> {
  return notificationMessage(n);
}
