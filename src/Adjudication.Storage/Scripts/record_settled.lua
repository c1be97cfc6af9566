-- Records at the treatment city that the insured city settled a visit treated here: the hospital-side settlement
-- record and the visit's status (DESIGN.md §3). Repeating it for the same settlement changes nothing.
-- KEYS: 1 visit, 2 settlement record
-- ARGV: 1 setl_id, 2 mdtrt_id, 3 msgid, 4 response body
-- Returns: {'recorded'} | {'already'} (the visit already holds this settlement)
local v = redis.call('HMGET', KEYS[1], 'setl_id', 'ver')
if v[1] == ARGV[1] then return {'already'} end
redis.call('HSET', KEYS[1], 'status', 'settled', 'setl_id', ARGV[1], 'ver', tonumber(v[2] or '0') + 1)
redis.call('HSET', KEYS[2], 'status', 'settled', 'mdtrt_id', ARGV[2], 'msgid', ARGV[3], 'body', ARGV[4])
return {'recorded'}
