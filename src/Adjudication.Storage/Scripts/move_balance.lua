-- Credits or adjusts a personal account on the person's hash slot (DESIGN.md §6, §12): the balance, the state version
-- (so a settlement computed from the old balance is recomputed), a journal row and the msgid's record change together.
-- KEYS: 1 state, 2 journal, 3 msg
-- ARGV: 1 digest, 2 amount in fen (signed), 3 the journal row's JSON without its balance and closing brace
-- Returns: {'ok', row} | {'replay', row} | {'conflict'} | {'noperson'} | {'negative', balance}
local m = redis.call('HMGET', KEYS[3], 'digest', 'body')
if m[1] then
  if m[1] ~= ARGV[1] then return {'conflict'} end
  return {'replay', m[2]}
end
local s = redis.call('HMGET', KEYS[1], 'profile', 'balc')
if not s[1] then return {'noperson'} end
local balc = tonumber(s[2] or '0') + tonumber(ARGV[2])
if balc < 0 then return {'negative', s[2] or '0'} end
-- Balances are whole fen below 2^53, so %d prints them exactly (tostring would switch to exponents past 14 digits).
local text = string.format('%d', balc)
local row = ARGV[3] .. ',"balcFen":' .. text .. '}'
redis.call('HSET', KEYS[1], 'balc', text)
redis.call('HINCRBY', KEYS[1], 'ver', 1)
redis.call('RPUSH', KEYS[2], row)
redis.call('HSET', KEYS[3], 'digest', ARGV[1], 'op', 'account', 'body', row)
return {'ok', row}
