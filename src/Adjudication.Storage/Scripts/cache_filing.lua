-- Caches one filing version pushed or fetched from the insured city (DESIGN.md §3, §5). A cached version is never
-- replaced by an older or equal one; a newer one also drops the person's brief "no filing" answers.
-- KEYS: 1 filing cache hash, 2 "no filing" answers (hash dest -> expiry in unix ms)
-- ARGV: 1 filing_id, 2 version, 3 filing json
-- Returns: {'cached', version} | {'kept', version held}
local held = tonumber(redis.call('HGET', KEYS[1], 'v:' .. ARGV[1]) or '0')
local pushed = tonumber(ARGV[2])
if held >= pushed then return {'kept', held} end
redis.call('HSET', KEYS[1], 'f:' .. ARGV[1], ARGV[3], 'v:' .. ARGV[1], ARGV[2])
redis.call('DEL', KEYS[2])
return {'cached', pushed}
