-- Records at the treatment city that the insured city settled a visit treated here: the hospital-side settlement
-- record, the visit's status and the settlement's ledger row in this slot's outbox (DESIGN.md §3, §11). Repeating it
-- for the same settlement changes nothing. The row is kept with the record; the outbox entry refers to it ('@field
-- key', OutboxStore), so it is stored once.
-- KEYS: 1 visit, 2 settlement record, 3 outbox of this slot
-- ARGV: 1 setl_id, 2 mdtrt_id, 3 msgid, 4 response body, 5 outbox field of the ledger row, 6 the row
-- Returns: {'recorded'} | {'already'} (this city holds the settlement already, perhaps cancelled since: a late replay
--          of the settle must not settle the reopened visit again)
if redis.call('EXISTS', KEYS[2]) == 1 then return {'already'} end
local v = redis.call('HMGET', KEYS[1], 'ver')
redis.call('HSET', KEYS[1], 'status', 'settled', 'setl_id', ARGV[1], 'ver', tonumber(v[1] or '0') + 1)
redis.call('HSET', KEYS[2], 'status', 'settled', 'mdtrt_id', ARGV[2], 'msgid', ARGV[3], 'body', ARGV[4], 'ledger', ARGV[6])
redis.call('HSET', KEYS[3], ARGV[5], '@ledger ' .. KEYS[2])
return {'recorded'}
