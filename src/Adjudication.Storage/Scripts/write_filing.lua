-- Writes a new version of a filing (register, extend, revoke), keeping every version in the history, and the push it
-- owes its destination in this slot's outbox, so a push that cannot get through now survives a crash (DESIGN.md §3, §6).
-- KEYS: 1 filings hash, 2 history list, 3 msg, 4 outbox of this slot
-- ARGV: 1 digest, 2 filing_id, 3 expected current version ('0' for a new filing), 4 new version, 5 filing json,
--       6 outbox field of the push ('' when none is owed: a filing kept here only, or a node outside a network)
-- Returns: {'ok'} | {'replay', json} | {'conflict'} | {'stale'}
local m = redis.call('HMGET', KEYS[3], 'digest', 'body')
if m[1] then
  if m[1] ~= ARGV[1] then return {'conflict'} end
  return {'replay', m[2]}
end
local current = redis.call('HGET', KEYS[1], 'v:' .. ARGV[2]) or '0'
if current ~= ARGV[3] then return {'stale'} end
redis.call('HSET', KEYS[1], 'f:' .. ARGV[2], ARGV[5], 'v:' .. ARGV[2], ARGV[4])
redis.call('HINCRBY', KEYS[1], '_ver', 1)
redis.call('RPUSH', KEYS[2], ARGV[5])
if ARGV[6] ~= '' then redis.call('HSET', KEYS[4], ARGV[6], ARGV[5]) end
redis.call('HSET', KEYS[3], 'digest', ARGV[1], 'op', 'filing', 'body', ARGV[5])
return {'ok'}
