-- Records at the treatment city that the insured city cancelled or reversed a settlement (DESIGN.md §3, §11): the
-- hospital-side record is marked cancelled and its reversed ledger row goes to the outbox, once; the visit reopens if
-- that settlement is still its current one. Repeating it changes nothing.
-- KEYS: 1 visit, 2 settlement record, 3 outbox of this slot
-- ARGV: 1 setl_id, 2 outbox field of the reversed row ('' for none), 3 the row
-- Returns: {'reopened'} | {'already'} (the record was cancelled before) | {'norecord'} (this city holds no record of it)
local status = redis.call('HGET', KEYS[2], 'status')
local result = 'norecord'
if status == 'settled' then
  redis.call('HSET', KEYS[2], 'status', 'cancelled')
  if ARGV[2] ~= '' then redis.call('HSET', KEYS[3], ARGV[2], ARGV[3]) end
  result = 'reopened'
elseif status then
  result = 'already'
end
if redis.call('HGET', KEYS[1], 'setl_id') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'status', 'open', 'setl_id', '')
  redis.call('HINCRBY', KEYS[1], 'ver', 1)
end
return {result}
