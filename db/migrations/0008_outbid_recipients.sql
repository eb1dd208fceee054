-- Who is told that their organisation lost the lead (server/services/auctions.ts, the outbid CTEs).
-- The bid statement's own snapshot is taken before place_bid waits for the auction row's lock; read
-- through this VOLATILE function, memberships are seen as of after that wait (READ COMMITTED takes a
-- fresh snapshot for each query in a volatile function), so a member who joined the displaced
-- organisation while the bid waited for the lock is told as well. plpgsql, so it is never inlined
-- into the calling statement (and its snapshot).
CREATE FUNCTION organisation_member_ids(p_org uuid) RETURNS SETOF uuid LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RETURN QUERY SELECT m.user_id FROM memberships m WHERE m.organisation_id = p_org;
END
$$;
--> statement-breakpoint
-- to_char is STABLE, not IMMUTABLE; iso_ms's pattern is locale-free and it is used in no index, but
-- it should not promise more than what it calls.
ALTER FUNCTION iso_ms(timestamptz) STABLE;
