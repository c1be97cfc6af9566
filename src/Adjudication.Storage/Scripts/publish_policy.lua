-- A city publishes a version of its policy for one insutype (DESIGN.md §12): versions are numbered 1, 2, 3 in
-- publication order and never change; the msgid makes a retry answer as the first time.
-- KEYS: 1 versions (hash version -> policy JSON), 2 msgids (hash msgid -> digest, msgid..':v' -> version); one slot
-- ARGV: 1 msgid ('' for the CLI-only admin path: no record), 2 digest of the request, 3 policy JSON
-- Returns: {'ok', version} | {'replay', version} | {'conflict'}
if ARGV[1] ~= '' then
  local digest = redis.call('HGET', KEYS[2], ARGV[1])
  if digest then
    if digest ~= ARGV[2] then return {'conflict'} end
    return {'replay', tonumber(redis.call('HGET', KEYS[2], ARGV[1] .. ':v'))}
  end
end
local version = redis.call('HLEN', KEYS[1]) + 1
redis.call('HSET', KEYS[1], tostring(version), ARGV[3])
if ARGV[1] ~= '' then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2], ARGV[1] .. ':v', tostring(version))
end
return {'ok', version}
