-- Designates, suspends or ends an institution on its hash slot (DESIGN.md §6, §12): the record and the msgid's record
-- change together.
-- KEYS: 1 institution, 2 msg
-- ARGV: 1 digest, 2 expected record ('' = none yet), 3 new record
-- Returns: {'ok'} | {'unchanged'} | {'replay', record} | {'conflict'} | {'stale'}
local m = redis.call('HMGET', KEYS[2], 'digest', 'body')
if m[1] then
  if m[1] ~= ARGV[1] then return {'conflict'} end
  return {'replay', m[2]}
end
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[2] then return {'stale'} end
redis.call('HSET', KEYS[2], 'digest', ARGV[1], 'op', 'institution', 'body', ARGV[3])
if current == ARGV[3] then return {'unchanged'} end
redis.call('SET', KEYS[1], ARGV[3])
return {'ok'}
