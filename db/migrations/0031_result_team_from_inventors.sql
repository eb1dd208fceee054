-- Issue 18 (措施一、十二): the free-text inventors field becomes a structured team. Each result's text is
-- split on the usual separators (、，,；;／/|｜ and line breaks), trimmed, a trailing 等/等人 dropped,
-- blanks and repeats removed (first occurrence kept) — exactly domain/teams.ts splitInventorNames —
-- into unlinked members with equal shares in basis points by largest remainder (the first 10000 % n
-- members get one more), and the result is flagged for the institution to confirm.
with parts as (
  select r.id as result_id, p.ord,
         btrim(regexp_replace(btrim(p.part, E' \t\r\n\u3000'), '(等人|等)$', ''), E' \t\r\n\u3000') as name
  from results r
  cross join lateral regexp_split_to_table(r.inventors, E'[、，,；;／/|｜\r\n\t]+') with ordinality as p(part, ord)
  where not exists (select 1 from result_team_members m where m.result_id = r.id)
), firsts as (
  select result_id, name, min(ord) as ord from parts where name <> '' group by result_id, name
), ranked as (
  select result_id, name,
         row_number() over (partition by result_id order by ord) as position,
         count(*) over (partition by result_id) as n
  from firsts
)
insert into result_team_members (result_id, position, name, share_bp)
select result_id, position, name, (10000 / n + case when position <= 10000 % n then 1 else 0 end)::int
from ranked;
--> statement-breakpoint
update results set team_needs_confirmation = true
where exists (select 1 from result_team_members m where m.result_id = results.id);
