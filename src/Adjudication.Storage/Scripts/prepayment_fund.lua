-- Moves an insured province's prepayment at the national node (DESIGN.md §11): a deposit or an emergency top-up adds
-- to the prepayment, a repayment (a paid clearing declaration) to what was repaid; then the warning level is decided
-- again (see prepayment_book.lua), and a change is recorded naming the msgid that made it. A top-up that brings usage
-- under 90% closes the emergency top-up. A msgid is answered once: the same digest replays, another is refused.
-- KEYS: 1 state, 2 events (list), 3 msgids (msgid -> digest, msgid:l -> level after)
-- ARGV: 1 kind ('deposit' | 'topup' | 'repay'), 2 msgid, 3 digest, 4 amount (fen, > 0), 5 time
-- Returns: {'ok', level} | {'replay', level} | {'conflict'}
local function level(outstanding, prepay)
  if prepay <= 0 then
    if outstanding > 0 then return 'red' end
    return 'green'
  end
  if outstanding * 10 >= prepay * 9 then return 'red' end
  if outstanding * 10 >= prepay * 7 then return 'yellow' end
  return 'green'
end
local kind, msgid, digest, amount, time = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
local seen = redis.call('HGET', KEYS[3], msgid)
if seen then
  if seen ~= digest then return {'conflict'} end
  return {'replay', redis.call('HGET', KEYS[3], msgid .. ':l')}
end
local s = redis.call('HMGET', KEYS[1], 'prepayment', 'repaid', 'advanced', 'level')
local prepay, repaid, advanced = tonumber(s[1] or '0'), tonumber(s[2] or '0'), tonumber(s[3] or '0')
local current = s[4] or 'green'
if kind == 'repay' then repaid = repaid + amount else prepay = prepay + amount end
local outstanding = advanced - repaid
local now = level(outstanding, prepay)
local due = 0
if now == 'red' then due = math.floor(outstanding * 10 / 7) + 1 - prepay end
local fields = {'prepayment', string.format('%d', prepay), 'repaid', string.format('%d', repaid), 'level', now,
  'topup_due', string.format('%d', due)}
if now ~= current then
  redis.call('RPUSH', KEYS[2], table.concat({now, kind, msgid, string.format('%d', outstanding),
    string.format('%d', prepay), time, string.format('%d', due)}, '\t'))
end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('HSET', KEYS[3], msgid, digest, msgid .. ':l', now)
return {'ok', now}
