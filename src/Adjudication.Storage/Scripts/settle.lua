-- Commits one settlement on the person's hash slot (DESIGN.md §4.2 step 8, §6).
-- KEYS: 1 state, 2 msg (this msgid), 3 settlement record, 4 visit, 5 filings
-- ARGV: 1 expected state ver, 2 expected visit ver ('' for a visit treated in another city), 3 expected filings ver,
--       4 digest, 5 response body, 6 setl_id, 7 year, 8 acct debit, 9 mdtrt_id, 10 msgid,
--       11..16 six accumulator deltas (dedc, elig, hifp, burden, second, maf), kept with the record for a cancel,
--       17..22 the same six year totals after this settlement, 23 the balance after,
--       24 visit json and 25..29 item totals (sum, fulamt, overlmt, preself, inscp): only for a visit treated
--       elsewhere, whose person-side copy is written here so cancel and a second settle see it (DESIGN.md §3)
-- Returns: {'ok'} | {'replay', body} | {'conflict'} | {'reversed'} | {'novisit'} | {'visitclosed', setl_id} | {'stale'}
-- Each hash is written by one command: Redis's time per settle is mostly per command, on this path and in the AOF.
local m = redis.call('HMGET', KEYS[2], 'digest', 'op', 'body')
if m[2] then
  if m[2] == 'tombstone' or m[2] == 'reversed' then return {'reversed'} end
  if m[1] ~= ARGV[4] then return {'conflict'} end
  return {'replay', m[3]}
end
local v = redis.call('HMGET', KEYS[4], 'ver', 'status', 'setl_id')
local remote = ARGV[2] == ''
if not v[1] and not remote then return {'novisit'} end
if v[1] and v[2] ~= 'open' then return {'visitclosed', v[3]} end
local sv = redis.call('HGET', KEYS[1], 'ver') or '0'
local fv = redis.call('HGET', KEYS[5], '_ver') or '0'
if sv ~= ARGV[1] or fv ~= ARGV[3] or (not remote and v[1] ~= ARGV[2]) then return {'stale'} end
-- The state is at the version the node computed from, so the year totals and balance it sends are exact.
local y = ARGV[7]
redis.call('HSET', KEYS[1], y .. ':dedc', ARGV[17], y .. ':elig', ARGV[18], y .. ':hifp', ARGV[19],
  y .. ':burden', ARGV[20], y .. ':second', ARGV[21], y .. ':maf', ARGV[22], 'balc', ARGV[23], 'ver', tonumber(sv) + 1)
redis.call('HSET', KEYS[3], 'status', 'settled', 'year', y, 'acct', ARGV[8], 'mdtrt_id', ARGV[9], 'msgid', ARGV[10],
  'body', ARGV[5], 'd_dedc', ARGV[11], 'd_elig', ARGV[12], 'd_hifp', ARGV[13], 'd_burden', ARGV[14],
  'd_second', ARGV[15], 'd_maf', ARGV[16])
redis.call('HSET', KEYS[2], 'digest', ARGV[4], 'op', 'settle', 'body', ARGV[5], 'setl_id', ARGV[6], 'mdtrt_id', ARGV[9])
local ver = tonumber(v[1] or '0') + 1
if remote then
  redis.call('HSET', KEYS[4], 'visit', ARGV[24], 't_sum', ARGV[25], 't_fulamt', ARGV[26], 't_overlmt', ARGV[27],
    't_preself', ARGV[28], 't_inscp', ARGV[29], 'status', 'settled', 'setl_id', ARGV[6], 'ver', ver)
else
  redis.call('HSET', KEYS[4], 'status', 'settled', 'setl_id', ARGV[6], 'ver', ver)
end
return {'ok'}
