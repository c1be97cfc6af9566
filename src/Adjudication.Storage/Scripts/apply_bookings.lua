-- Books rows into one aggregate on its slot (DESIGN.md §11): the hospital ledger of one institution and day, or a
-- clearing aggregate of one month and pair of regions. A row not yet held is kept and added to the totals; a row held
-- already changes nothing, so an outbox entry applied twice is booked once. With an outbox (KEYS[3]), a row newly
-- booked leaves its next effect there, in the same slot and the same script: the entry that carries it on up the
-- network, which therefore exists exactly when the row was booked here. The batch's amounts are summed here first, so
-- the totals take one HINCRBY per field however many rows came (Lua numbers are doubles: exact to 2^53 fen, far above
-- any aggregate's sum). The call names each totals field once and a row points at them by index, so nothing is joined
-- or looked up by name a row.
-- KEYS: 1 rows (row id -> row line), 2 totals ("group|measure" -> sum), 3 (optional) outbox of this slot
-- ARGV: f, then f totals field names; n, then per row: id, line, g (index of its group's count field, which the four
--       amounts' fields follow: medfee, fund pay, account, cash), the four amounts, k, then k pairs: field index,
--       amount (its fund types); then with an outbox: field ('' for none), payload
-- Returns: {'applied', rows newly booked}
local f = tonumber(ARGV[1])
local at = f + 3
local applied = 0
local sums = {}
local outbox = KEYS[3]
for _ = 1, tonumber(ARGV[f + 2]) do
  local g, k = tonumber(ARGV[at + 2]), tonumber(ARGV[at + 7])
  local new = redis.call('HSETNX', KEYS[1], ARGV[at], ARGV[at + 1]) == 1
  if new then
    applied = applied + 1
    sums[g] = (sums[g] or 0) + 1
    for j = 1, 4 do
      sums[g + j] = (sums[g + j] or 0) + tonumber(ARGV[at + 2 + j])
    end
    for j = at + 8, at + 6 + 2 * k, 2 do
      local field = tonumber(ARGV[j])
      sums[field] = (sums[field] or 0) + tonumber(ARGV[j + 1])
    end
  end
  at = at + 8 + 2 * k
  if outbox then
    if new and ARGV[at] ~= '' then redis.call('HSET', outbox, ARGV[at], ARGV[at + 1]) end
    at = at + 2
  end
end
for field = 1, f do
  if sums[field] then redis.call('HINCRBY', KEYS[2], ARGV[1 + field], string.format('%d', sums[field])) end
end
return {'applied', applied}
