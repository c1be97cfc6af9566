-- A member city takes a zone its province handed down (DESIGN.md §5, §12); an older version arriving late never
-- replaces a newer one.
-- KEYS: 1 definitions (hash name -> zone JSON), 2 versions (hash name -> version); one slot
-- ARGV: 1 zone name, 2 version, 3 zone JSON
-- Returns: {'cached', version} | {'kept', held version}
local held = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
local version = tonumber(ARGV[2])
if held >= version then return {'kept', held} end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return {'cached', version}
