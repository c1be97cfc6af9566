-- Commits one settlement on the person's hash slot (DESIGN.md §4.2 step 8, §6).
-- KEYS: 1 state, 2 msg (this msgid), 3 settlement record, 4 visit, 5 filings
-- ARGV: 1 expected state ver, 2 expected visit ver ('' for a visit treated in another city), 3 expected filings ver,
--       4 digest, 5 response body, 6 setl_id, 7 year, 8 acct debit, 9 mdtrt_id, 10 msgid,
--       11..16 six accumulator deltas (dedc, elig, hifp, burden, second, maf),
--       17 visit json and 18..22 item totals (sum, fulamt, overlmt, preself, inscp): only for a visit treated
--       elsewhere, whose person-side copy is written here so cancel and a second settle see it (DESIGN.md §3)
-- Returns: {'ok'} | {'replay', body} | {'conflict'} | {'reversed'} | {'novisit'} | {'visitclosed', setl_id} | {'stale'}
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
if remote then
  redis.call('HSET', KEYS[4], 'visit', ARGV[17], 't_sum', ARGV[18], 't_fulamt', ARGV[19], 't_overlmt', ARGV[20],
    't_preself', ARGV[21], 't_inscp', ARGV[22])
end
local y = ARGV[7]
local names = {'dedc', 'elig', 'hifp', 'burden', 'second', 'maf'}
local record = {'status', 'settled', 'year', y, 'acct', ARGV[8], 'mdtrt_id', ARGV[9], 'msgid', ARGV[10], 'body', ARGV[5]}
for i, name in ipairs(names) do
  local d = ARGV[10 + i]
  if d ~= '0' then redis.call('HINCRBY', KEYS[1], y .. ':' .. name, d) end
  record[#record + 1] = 'd_' .. name
  record[#record + 1] = d
end
if ARGV[8] ~= '0' then redis.call('HINCRBY', KEYS[1], 'balc', '-' .. ARGV[8]) end
redis.call('HINCRBY', KEYS[1], 'ver', 1)
redis.call('HSET', KEYS[3], unpack(record))
redis.call('HSET', KEYS[2], 'digest', ARGV[4], 'op', 'settle', 'body', ARGV[5], 'setl_id', ARGV[6], 'mdtrt_id', ARGV[9])
redis.call('HSET', KEYS[4], 'status', 'settled', 'setl_id', ARGV[6])
redis.call('HINCRBY', KEYS[4], 'ver', 1)
return {'ok'}
