-- One bid, decided and written inside PostgreSQL (issue 6 §2: "validation and write happen in one
-- guarded statement"). server/services/auctions.ts calls it as a single autocommit statement, so the
-- auction row is locked only while this function runs and its transaction commits: no client round
-- trip (and no api event-loop delay) ever happens under the lock.
--
-- The rule is domain/auctions.ts decideBid, which stays the reference model: test/api/place-bid.test.ts
-- runs random bid sequences through this function and through decideBid and requires the same
-- answers, states and hashes. Keep the two in step.

-- An instant as Date.prototype.toISOString() prints it (what the hash chain records).
CREATE FUNCTION iso_ms(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;
--> statement-breakpoint
CREATE FUNCTION place_bid(p_auction uuid, p_org uuid, p_user uuid, p_amount bigint, p_key text)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a auctions%ROWTYPE;
  part auction_participants%ROWTYPE;
  v_at timestamptz;
  v_min bigint;
  v_stored jsonb;
  v_code text;
  v_details jsonb := '{}';
  v_seq integer;
  v_ends timestamptz;
  v_hash text;
BEGIN
  SELECT * INTO a FROM auctions WHERE id = p_auction FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('outcome', 'not_found');
  END IF;
  -- The server's arrival time decides, read once the lock is held, in milliseconds (what the hash
  -- records). Every later statement here sees what committed before the lock was granted.
  v_at := date_trunc('milliseconds', clock_timestamp());
  v_min := CASE WHEN a.current_price_fen IS NULL THEN a.start_price_fen ELSE a.current_price_fen + a.increment_fen END;

  -- The same idempotency key gets the first answer, accepted or refused.
  SELECT jsonb_build_object('kind', 'bid', 'organisationId', p.organisation_id, 'seq', b.seq, 'bidder', b.bidder,
                            'amountFen', b.amount_fen, 'at', iso_ms(b.at), 'endsAt', iso_ms(b.ends_at), 'hash', b.hash)
    INTO v_stored
    FROM bids b JOIN auction_participants p ON p.id = b.participant_id
   WHERE b.auction_id = p_auction AND b.idempotency_key = p_key;
  IF v_stored IS NULL THEN
    SELECT jsonb_build_object('kind', 'refusal', 'organisationId', r.organisation_id, 'code', r.code, 'details', r.details)
      INTO v_stored
      FROM bid_refusals r
     WHERE r.auction_id = p_auction AND r.idempotency_key = p_key;
  END IF;
  IF v_stored IS NOT NULL THEN
    RETURN v_stored || jsonb_build_object('outcome', 'replay', 'nextMinimumFen', v_min);
  END IF;

  SELECT * INTO part FROM auction_participants WHERE auction_id = p_auction AND organisation_id = p_org;
  -- Participation first: a non-participant learns nothing about the auction's state from the answer.
  IF part.id IS NULL THEN
    v_code := 'NOT_A_PARTICIPANT';
  ELSIF part.deposit_required AND part.deposit_confirmed_at IS NULL THEN
    v_code := 'DEPOSIT_NOT_CONFIRMED';
  ELSIF p_amount <= 0 THEN
    v_code := 'VALIDATION_FAILED';
    v_details := jsonb_build_object('field', 'amountFen');
  ELSIF a.status = 'scheduled' THEN
    v_code := 'AUCTION_NOT_STARTED';
    v_details := jsonb_build_object('startsAt', iso_ms(a.starts_at));
  ELSIF a.status <> 'live' THEN
    v_code := 'AUCTION_ENDED';
    v_details := jsonb_build_object('endsAt', iso_ms(a.ends_at));
  ELSIF v_at < a.starts_at THEN
    v_code := 'AUCTION_NOT_STARTED';
    v_details := jsonb_build_object('startsAt', iso_ms(a.starts_at));
  ELSIF v_at >= a.ends_at THEN
    v_code := 'AUCTION_ENDED';
    v_details := jsonb_build_object('endsAt', iso_ms(a.ends_at));
  ELSIF a.leader_participant_id = part.id THEN
    v_code := 'ALREADY_LEADING';
  ELSIF p_amount < v_min THEN
    v_code := 'BID_TOO_LOW';
    v_details := jsonb_build_object('minimumFen', v_min);
  END IF;

  IF v_code IS NOT NULL THEN
    INSERT INTO bid_refusals (auction_id, idempotency_key, participant_id, organisation_id, user_id, amount_fen, code, details, at)
    VALUES (p_auction, p_key, part.id, p_org, p_user, p_amount, v_code, v_details, v_at);
    RETURN jsonb_build_object('outcome', 'refused', 'code', v_code, 'details', v_details);
  END IF;

  -- Soft close (DESIGN §5): less than the window left → the end becomes bid time + window.
  v_ends := CASE WHEN a.ends_at - v_at < a.soft_close_ms * interval '1 millisecond'
                 THEN v_at + a.soft_close_ms * interval '1 millisecond' ELSE a.ends_at END;
  v_seq := a.seq + 1;
  v_hash := encode(sha256(convert_to(
    'jiebang-bid/v1|' || a.hash_head || '|' || a.id || '|' || v_seq || '|' || part.alias || '|' || p_amount || '|' || iso_ms(v_at),
    'UTF8')), 'hex');
  INSERT INTO bids (auction_id, seq, participant_id, bidder, amount_fen, at, ends_at, prev_hash, hash, idempotency_key, user_id)
  VALUES (p_auction, v_seq, part.id, part.alias, p_amount, v_at, v_ends, a.hash_head, v_hash, p_key, p_user);
  UPDATE auctions
     SET current_price_fen = p_amount, leader_participant_id = part.id, seq = v_seq, hash_head = v_hash,
         ends_at = v_ends, updated_at = v_at
   WHERE id = p_auction;
  RETURN jsonb_build_object('outcome', 'accepted', 'seq', v_seq, 'bidder', part.alias, 'amountFen', p_amount,
    'at', iso_ms(v_at), 'endsAt', iso_ms(v_ends), 'hash', v_hash, 'extended', v_ends <> a.ends_at,
    -- Who just lost the lead (told by the caller's statement), and where.
    'displaced', a.leader_participant_id, 'listingId', a.listing_id,
    'nextMinimumFen', p_amount + a.increment_fen);
END;
$$;
