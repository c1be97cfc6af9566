-- Enrols one row of a bulk enrolment on the person's hash slot (DESIGN.md §12): the profile, the state version and the
-- enrolment's history entry together. A row keeps no msgid record: a re-run of a file comes back unchanged by comparing
-- the profile, whatever its msgid, so a record would only be written and never read (one key per person).
-- KEYS: 1 state, 2 history
-- ARGV: 1 profile, 2 history entry
-- Returns: {'ok'} | {'unchanged'} | {'exists'}
local held = redis.call('HMGET', KEYS[1], 'profile', 'ver')
if held[1] == ARGV[1] then return {'unchanged'} end
if held[1] then return {'exists'} end
redis.call('HSET', KEYS[1], 'profile', ARGV[1], 'ver', (tonumber(held[2]) or 0) + 1)
redis.call('RPUSH', KEYS[2], ARGV[2])
return {'ok'}
