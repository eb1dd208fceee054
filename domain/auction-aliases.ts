// Bidder aliases (竞买号), apart from the bid rules (auctions.ts): the alias a participant bids under
// is handed out when it joins an auction (creation, registration), and the rules only record it.
import { createHmac } from 'node:crypto';

// DESIGN §9: bidders are shown by a per-auction alias, revealed only to operators and the seller
// after close. An alias is a letter and four digits, like the 竞买号 of judicial auctions ("K3857").
// It is a keyed pseudorandom permutation of the participant's registration index, so within one
// auction aliases never collide, the same bidder gets unrelated aliases in different auctions, and
// without the secret nobody — in particular not the seller, who saw the claims arrive in order — can
// map an alias back to a registration. The secret is a server-side value (configuration) or a random
// salt stored with the auction; it is never published.

const ALIAS_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'; // no I or O: they read as 1 and 0
const ALIAS_NUMBERS = 9000; // 1000–9999
export const MAX_ALIASES = ALIAS_LETTERS.length * ALIAS_NUMBERS; // 216,000 per auction
export const ALIAS_PATTERN = /^[A-HJ-NP-Z][1-9]\d{3}$/;

const FEISTEL_HALF_BITS = 9; // an 18-bit block (262,144 ≥ MAX_ALIASES), cycle-walked into range
const FEISTEL_ROUNDS = 8;

function feistel(x: number, round: (r: number, half: number) => number): number {
  const mask = (1 << FEISTEL_HALF_BITS) - 1;
  let left = x >> FEISTEL_HALF_BITS;
  let right = x & mask;
  for (let r = 0; r < FEISTEL_ROUNDS; r++) {
    [left, right] = [right, left ^ (round(r, right) & mask)];
  }
  return (left << FEISTEL_HALF_BITS) | right;
}

/** The 竞买号 of the participant registered `index`-th (0-based) in an auction. */
export function aliasFor(auctionId: string, index: number, secret: string): string {
  if (!Number.isSafeInteger(index) || index < 0 || index >= MAX_ALIASES) {
    throw new RangeError(`alias index must be an integer in [0, ${MAX_ALIASES})`);
  }
  const round = (r: number, half: number) =>
    createHmac('sha256', secret).update(`jiebang-alias|${auctionId}|${r}|${half}`).digest().readUInt16BE(0);
  let code = index;
  do code = feistel(code, round);
  while (code >= MAX_ALIASES);
  return `${ALIAS_LETTERS[Math.floor(code / ALIAS_NUMBERS)]}${1000 + (code % ALIAS_NUMBERS)}`;
}
