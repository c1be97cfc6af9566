-- Books ledger rows of one institution and day (DESIGN.md §11) on that day's slot: a row not yet held is kept and added
-- to the totals; a row held already changes nothing, so an outbox entry applied twice is booked once. The batch's
-- amounts are summed here first, so the totals take one HINCRBY per figure however many rows came (Lua numbers are
-- doubles: exact to 2^53 fen, far above any day's sum).
-- KEYS: 1 rows (row id -> row json), 2 totals ("insutype|clr_type|refd|measure" -> sum)
-- ARGV: n, then per row: id, json, group ("insutype|clr_type|refd"), k, then k pairs: measure, amount
-- Returns: {'applied', rows newly booked}
local at = 2
local applied = 0
local sums, fields = {}, {}
for _ = 1, tonumber(ARGV[1]) do
  local id, json, group, k = ARGV[at], ARGV[at + 1], ARGV[at + 2], tonumber(ARGV[at + 3])
  at = at + 4
  if redis.call('HSETNX', KEYS[1], id, json) == 1 then
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
end
for _, field in ipairs(fields) do
  redis.call('HINCRBY', KEYS[2], field, string.format('%d', sums[field]))
end
return {'applied', applied}
