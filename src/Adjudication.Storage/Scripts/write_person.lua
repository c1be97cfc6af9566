-- Enrols a person or changes their profile on their hash slot (DESIGN.md §6, §12): the profile, the state version (so
-- a settlement computed from the old profile is recomputed), a history entry and the msgid's record change together.
-- KEYS: 1 state, 2 history, 3 msg
-- ARGV: 1 digest, 2 expected profile ('' = the person must not be enrolled yet), 3 new profile, 4 history entry,
--       5 answer if written, 6 answer if unchanged
-- A row of a bulk enrolment goes through enrol_person_row.lua instead, which keeps no msgid record.
-- Returns: {'ok'} | {'unchanged'} | {'replay', answer} | {'conflict'} | {'exists'} | {'stale'}
local current = redis.call('HGET', KEYS[1], 'profile')
local m = redis.call('HMGET', KEYS[3], 'digest', 'body')
if m[1] then
  if m[1] ~= ARGV[1] then return {'conflict'} end
  return {'replay', m[2]}
end
if current == ARGV[3] then
  redis.call('HSET', KEYS[3], 'digest', ARGV[1], 'op', 'person', 'body', ARGV[6])
  return {'unchanged'}
end
if ARGV[2] == '' then
  if current then return {'exists'} end
elseif current ~= ARGV[2] then
  return {'stale'}
end
redis.call('HSET', KEYS[1], 'profile', ARGV[3])
redis.call('HINCRBY', KEYS[1], 'ver', 1)
redis.call('RPUSH', KEYS[2], ARGV[4])
redis.call('HSET', KEYS[3], 'digest', ARGV[1], 'op', 'person', 'body', ARGV[5])
return {'ok'}
