-- Moves one clearing declaration (a month and a pair of regions, DESIGN.md §11) along the national statuses on its
-- aggregate's slot: 'declare' freezes the aggregate's totals as declared, 'confirm' needs a declared one, 'pay' a
-- confirmed one. A msgid is answered once: the same msgid with the same digest replays the status it made, with
-- another digest it is refused.
-- KEYS: 1 totals of the aggregate, 2 declaration, 3 msgids of this declaration (msgid -> digest, msgid:s -> status)
-- ARGV: 1 op ('declare' | 'confirm' | 'pay'), 2 msgid, 3 digest, 4 time ("yyyy-MM-dd HH:mm:ss" China), 5 by (caller)
-- Returns: {'ok', status} | {'replay', status} | {'conflict'} | {'already', status} (declared before, by another
--          msgid) | {'empty'} (nothing to declare) | {'wrongstatus', status or ''}
local op, msgid, digest, time, by = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local seen = redis.call('HGET', KEYS[3], msgid)
if seen then
  if seen ~= digest then return {'conflict'} end
  return {'replay', redis.call('HGET', KEYS[3], msgid .. ':s')}
end
local status = redis.call('HGET', KEYS[2], 'status')
local next
if op == 'declare' then
  if status then return {'already', status} end
  local totals = redis.call('HGETALL', KEYS[1])
  if #totals == 0 then return {'empty'} end
  local frozen = {'status', 'declared', 'declared_at', time, 'declared_by', by, 'declare_msgid', msgid}
  for i = 1, #totals, 2 do
    frozen[#frozen + 1] = 't:' .. totals[i]
    frozen[#frozen + 1] = totals[i + 1]
  end
  redis.call('HSET', KEYS[2], unpack(frozen))
  next = 'declared'
elseif op == 'confirm' then
  if status ~= 'declared' then return {'wrongstatus', status or ''} end
  next = 'confirmed'
else
  if status ~= 'confirmed' then return {'wrongstatus', status or ''} end
  next = 'paid'
end
if op ~= 'declare' then
  redis.call('HSET', KEYS[2], 'status', next, next .. '_at', time, next .. '_by', by, next .. '_msgid', msgid)
end
redis.call('HSET', KEYS[3], msgid, digest, msgid .. ':s', next)
return {'ok', next}
