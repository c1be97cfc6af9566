-- Books cross-province rows into an insured province's prepayment usage at the national node (DESIGN.md §11), in
-- the order given, each once by row id; after each row the warning level is decided again, so a level change names
-- the settlement that crossed the line. Usage = (advanced - repaid) / prepayment: yellow from 70%, red from 90%
-- (compared as outstanding*10 >= prepayment*7 and *9, exact integers; Lua numbers are exact to 2^53). Red opens an
-- emergency top-up of what brings usage under 70% again.
-- KEYS: 1 state (prepayment, repaid, advanced, level, topup_due), 2 rows booked (row id -> 1), 3 events (list)
-- ARGV: 1 time, 2 n, then per row: id, advanced (signed fen), setl_id
-- Returns: {'booked', rows newly booked, level changes}
local function level(outstanding, prepay)
  if prepay <= 0 then
    if outstanding > 0 then return 'red' end
    return 'green'
  end
  if outstanding * 10 >= prepay * 9 then return 'red' end
  if outstanding * 10 >= prepay * 7 then return 'yellow' end
  return 'green'
end
local s = redis.call('HMGET', KEYS[1], 'prepayment', 'repaid', 'advanced', 'level')
local prepay, repaid, advanced = tonumber(s[1] or '0'), tonumber(s[2] or '0'), tonumber(s[3] or '0')
local current = s[4] or 'green'
local due = nil
local booked, changes = 0, 0
local at = 3
for _ = 1, tonumber(ARGV[2]) do
  if redis.call('HSETNX', KEYS[2], ARGV[at], '1') == 1 then
    booked = booked + 1
    advanced = advanced + tonumber(ARGV[at + 1])
    local outstanding = advanced - repaid
    local now = level(outstanding, prepay)
    if now ~= current then
      due = 0
      if now == 'red' then due = math.floor(outstanding * 10 / 7) + 1 - prepay end
      redis.call('RPUSH', KEYS[3], table.concat({now, 'settlement', ARGV[at + 2], string.format('%d', outstanding),
        string.format('%d', prepay), ARGV[1], string.format('%d', due)}, '\t'))
      current = now
      changes = changes + 1
    end
  end
  at = at + 3
end
local fields = {'advanced', string.format('%d', advanced), 'level', current}
if due then
  fields[#fields + 1] = 'topup_due'
  fields[#fields + 1] = string.format('%d', due)
end
redis.call('HSET', KEYS[1], unpack(fields))
return {'booked', booked, changes}
