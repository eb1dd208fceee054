import { describe, expect, it } from 'vitest';
import type { NotificationKind } from '../../domain/constants/notifications.js';
import { notificationLink } from '../../web/src/notification-link.js';

const A = '11111111-1111-4111-8111-111111111111';
const L = '22222222-2222-4222-8222-222222222222';
const member = { operator: false };
const operator = { operator: true };

describe('notificationLink', () => {
  it.each<[NotificationKind, string | null, Record<string, unknown>, { operator: boolean }, string | null]>([
    ['listing_approved', L, {}, member, `/listings/${L}`],
    ['claim_received', L, {}, member, `/listings/${L}`],
    ['reward_confirmed', null, {}, member, null],
    ['auction_scheduled', L, { auctionId: A }, member, `/auctions/${A}`],
    // The seller may still set increment and reserve before the start.
    ['auction_scheduled', L, { auctionId: A, seller: true }, member, `/auctions/${A}/manage`],
    // Only a literal `true` marks the seller's copy.
    ['auction_scheduled', L, { auctionId: A, seller: 'true' }, member, `/auctions/${A}`],
    ['auction_scheduled', L, { auctionId: A, seller: false }, member, `/auctions/${A}`],
    ['auction_scheduled', L, { seller: true }, member, `/listings/${L}`],
    ['auction_started', L, { auctionId: A }, member, `/auctions/${A}`],
    ['auction_outbid', L, { auctionId: A }, member, `/auctions/${A}`],
    ['auction_won', L, { auctionId: A }, member, `/auctions/${A}/result`],
    ['auction_closed', L, { auctionId: A }, operator, `/auctions/${A}/result`],
    // Without an auction id the listing is the next best place.
    ['auction_closed', L, {}, member, `/listings/${L}`],
    ['pool_included', null, { resultId: A, count: 1 }, member, `/pool/results/${A}`],
    ['pool_included', null, { resultId: A, count: 7 }, member, '/my/pool'],
    ['pool_removed', null, { resultId: A, count: 1 }, member, '/my/pool'],
    ['paylater_applied', null, { applicationId: A }, member, `/my/paylater/applications/${A}`],
    ['paylater_updated', null, { applicationId: A, licenceId: L }, member, `/my/paylater/licences/${L}`],
    ['paylater_licence_activated', null, { licenceId: A }, member, `/my/paylater/licences/${A}`],
    ['paylater_payment_due', null, { licenceId: A }, member, `/my/paylater/licences/${A}`],
    ['paylater_payment_overdue', null, { licenceId: A }, member, `/my/paylater/licences/${A}`],
    ['paylater_payment_overdue', null, { licenceId: A }, operator, '/operator/paylater'],
    ['paylater_payment_received', null, {}, member, '/my/paylater'],
    // Ids are only ever uuids: anything else in `data` is not turned into a path.
    ['auction_won', null, { auctionId: '../../operator' }, member, null],
    ['paylater_applied', null, { applicationId: 42 }, member, '/my/paylater'],
  ])('%s (listing %s, data %j, %j) → %s', (kind, listingId, data, viewer, expected) => {
    expect(notificationLink({ kind, listingId, data }, viewer)).toBe(expected);
  });
});
