-- Reversal (2601) of a msgid that never arrived: leave a tombstone so the late original is refused.
-- KEYS: 1 msg (the reversal's msgid), 2 original msg
-- ARGV: 1 digest of the reversal request
-- Returns: {'ok'} | {'replay'} | {'conflict'} | {'arrived'} (the original arrived meanwhile: reverse it instead)
local m = redis.call('HGET', KEYS[1], 'digest')
if m then
  if m ~= ARGV[1] then return {'conflict'} end
  return {'replay'}
end
if redis.call('EXISTS', KEYS[2]) == 1 then return {'arrived'} end
redis.call('HSET', KEYS[2], 'digest', '', 'op', 'tombstone')
redis.call('HSET', KEYS[1], 'digest', ARGV[1], 'op', 'reverse', 'setl_id', '', 'balc', '')
return {'ok'}
