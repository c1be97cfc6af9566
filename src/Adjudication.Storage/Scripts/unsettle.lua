-- Cancels (2208/2305) or reverses (2601) a committed settlement on the person's hash slot: subtracts exactly
-- the deltas the settlement added, whatever accumulators they are, gives the account debit back, and reopens the
-- visit (DESIGN.md §4.2 step 8).
-- For a settlement of a visit treated here, the reversed row of the hospital ledger (DESIGN.md §11) goes to the outbox.
-- KEYS: 1 state, 2 msg (this call's msgid), 3 settlement record, 4 visit, 5 original settle msg (reverse only),
--       6 outbox of this slot
-- ARGV: 1 digest, 2 op ('cancel' | 'reverse'), 3 setl_id, 4 mdtrt_id, 5 outbox field of the reversed row ('' for a
--       visit treated elsewhere, whose treatment city books it), 6 the row
-- Returns: {'ok', balc} | {'replay', setl_id, balc} | {'conflict'} | {'nosettlement'} | {'cancelled'}
local m = redis.call('HMGET', KEYS[2], 'digest', 'setl_id', 'balc')
if m[1] then
  if m[1] ~= ARGV[1] then return {'conflict'} end
  return {'replay', m[2], m[3]}
end
local s = redis.call('HMGET', KEYS[3], 'status', 'year', 'acct')
if not s[1] then return {'nosettlement'} end
if s[1] ~= 'settled' then return {'cancelled'} end
-- Negated as text, so 64-bit amounts stay exact (Lua numbers are doubles).
local function negate(d)
  if string.sub(d, 1, 1) == '-' then return string.sub(d, 2) end
  return '-' .. d
end
-- The record's d:<accumulator> fields are the deltas the settle added; the record is small but for its body.
local record = redis.call('HGETALL', KEYS[3])
for i = 1, #record, 2 do
  local field = record[i]
  if string.sub(field, 1, 2) == 'd:' and record[i + 1] ~= '0' then
    redis.call('HINCRBY', KEYS[1], s[2] .. ':' .. string.sub(field, 3), negate(record[i + 1]))
  end
end
local balc = redis.call('HINCRBY', KEYS[1], 'balc', s[3])
redis.call('HINCRBY', KEYS[1], 'ver', 1)
redis.call('HSET', KEYS[3], 'status', 'cancelled', 'cancel_msgid', KEYS[2])
if ARGV[5] ~= '' then redis.call('HSET', KEYS[6], ARGV[5], ARGV[6]) end
redis.call('HSET', KEYS[2], 'digest', ARGV[1], 'op', ARGV[2], 'setl_id', ARGV[3], 'balc', balc, 'mdtrt_id', ARGV[4])
if ARGV[2] == 'reverse' then redis.call('HSET', KEYS[5], 'op', 'reversed') end
if redis.call('HGET', KEYS[4], 'setl_id') == ARGV[3] then
  redis.call('HSET', KEYS[4], 'status', 'open', 'setl_id', '')
  redis.call('HINCRBY', KEYS[4], 'ver', 1)
end
return {'ok', balc}
