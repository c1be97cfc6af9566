-- Books rows into one aggregate on its slot (DESIGN.md §11): the hospital ledger of one institution and day, or a
-- clearing aggregate of one month and pair of regions. A row not yet held is kept and added to the totals; a row held
-- already changes nothing, so an outbox entry applied twice is booked once. With an outbox (KEYS[3]), a row newly
-- booked leaves its next effect there, in the same slot and the same script: the entry that carries it on up the
-- network, which therefore exists exactly when the row was booked here. The batch's amounts are summed here first, so
-- the totals take one HINCRBY per figure however many rows came (Lua numbers are doubles: exact to 2^53 fen, far above
-- any aggregate's sum).
-- KEYS: 1 rows (row id -> row line), 2 totals ("group|measure" -> sum), 3 (optional) outbox of this slot
-- ARGV: n, then per row: id, line, group, k, then k pairs: measure, amount, then with an outbox: field ('' for none), payload
-- Returns: {'applied', rows newly booked}
local at = 2
local applied = 0
local sums, fields = {}, {}
local outbox = KEYS[3]
for _ = 1, tonumber(ARGV[1]) do
  local id, line, group, k = ARGV[at], ARGV[at + 1], ARGV[at + 2], tonumber(ARGV[at + 3])
  at = at + 4
  local new = redis.call('HSETNX', KEYS[1], id, line) == 1
  if new then
    applied = applied + 1
    for j = 0, k - 1 do
      local field = group .. '|' .. ARGV[at + 2 * j]
      if not sums[field] then
        sums[field] = 0
        fields[#fields + 1] = field
      end
      sums[field] = sums[field] + tonumber(ARGV[at + 2 * j + 1])
    end
  end
  at = at + 2 * k
  if outbox then
    if new and ARGV[at] ~= '' then redis.call('HSET', outbox, ARGV[at], ARGV[at + 1]) end
    at = at + 2
  end
end
for _, field in ipairs(fields) do
  redis.call('HINCRBY', KEYS[2], field, string.format('%d', sums[field]))
end
return {'applied', applied}
