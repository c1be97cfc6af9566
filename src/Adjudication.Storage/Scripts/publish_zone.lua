-- A province publishes (or replaces) one of its integration zones (DESIGN.md §5, §12): each publication of a zone
-- gets the next version of that zone; the msgid makes a retry answer as the first time. The version is owed to each
-- city of the province, so the same script leaves one outbox entry per city (DESIGN.md §6): the province delivers it
-- at once and deletes the entry, and one that does not get through is retried by the outbox worker, across restarts.
-- KEYS: 1 definitions (hash name -> zone JSON), 2 versions (hash name -> version), 3 msgids, 4 outbox; one slot
-- ARGV: 1 msgid, 2 digest of the request, 3 zone name, 4 zone JSON, then the cities' divisions
-- Returns: {'ok', version} | {'replay', version} | {'conflict'}
local digest = redis.call('HGET', KEYS[3], ARGV[1])
if digest then
  if digest ~= ARGV[2] then return {'conflict'} end
  return {'replay', tonumber(redis.call('HGET', KEYS[3], ARGV[1] .. ':v'))}
end
local version = redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
redis.call('HSET', KEYS[1], ARGV[3], ARGV[4])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2], ARGV[1] .. ':v', tostring(version))
for i = 5, #ARGV do
  redis.call('HSET', KEYS[4], 'zone:' .. ARGV[i] .. ':' .. version .. ':' .. ARGV[3], ARGV[4])
end
return {'ok', version}
