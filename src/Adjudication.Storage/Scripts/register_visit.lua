-- Opens a visit once per msgid (2201/2401).
-- KEYS: 1 msg, 2 visit
-- ARGV: 1 digest, 2 mdtrt_id, 3 visit json
-- Returns: {'ok'} | {'replay', mdtrt_id} | {'conflict'}
local m = redis.call('HMGET', KEYS[1], 'digest', 'setl_id')
if m[1] then
  if m[1] ~= ARGV[1] then return {'conflict'} end
  return {'replay', m[2]}
end
redis.call('HSET', KEYS[2], 'visit', ARGV[3], 'status', 'open', 'ver', 1, 'setl_id', '',
  't_sum', 0, 't_fulamt', 0, 't_overlmt', 0, 't_preself', 0, 't_inscp', 0)
redis.call('HSET', KEYS[1], 'digest', ARGV[1], 'op', 'register', 'setl_id', ARGV[2])
return {'ok'}
