-- Adds fee lines to an open visit, idempotently per feedetl_sn: an identical line is skipped, a changed one refused.
-- The visit keeps the line count and item totals, so a settle reads the visit hash alone.
-- KEYS: 1 visit, 2 fees
-- ARGV: 1 line count n, 2..6 the totals of all n lines (sum, fulamt, overlmt, preself, inscp), computed by the node with
--       checked 64-bit arithmetic, then n groups of 8: sn, input digest, result body, amount, fulamt, overlmt, preself, inscp
-- Returns: {'ok', ver, t_sum, t_fulamt, t_overlmt, t_preself, t_inscp, t_lines} | {'novisit'} | {'notopen'} | {'conflict', sn}
-- A few commands whatever the line count: Redis's time and the AOF grow per command, not per field.
local v = redis.call('HMGET', KEYS[1], 'ver', 'status')
if not v[1] then return {'novisit'} end
if v[2] ~= 'open' then return {'notopen'} end
local n = tonumber(ARGV[1])
local names = {}
for i = 0, n - 1 do names[i + 1] = 'd:' .. ARGV[7 + i * 8] end
local existing = redis.call('HMGET', KEYS[2], unpack(names))
local fields = {}
local added = {}
for i = 0, n - 1 do
  local b = 7 + i * 8
  local e = existing[i + 1]
  if e then
    if e ~= ARGV[b + 1] then return {'conflict', ARGV[b]} end
  else
    fields[#fields + 1] = names[i + 1]
    fields[#fields + 1] = ARGV[b + 1]
    fields[#fields + 1] = 'r:' .. ARGV[b]
    fields[#fields + 1] = ARGV[b + 2]
    added[#added + 1] = b
  end
end
local totals = {'t_sum', 't_fulamt', 't_overlmt', 't_preself', 't_inscp'}
if #added == n then
  -- The usual upload: every line is new, so the node's totals of the call apply as they are.
  for t = 1, 5 do redis.call('HINCRBY', KEYS[1], totals[t], ARGV[1 + t]) end
else
  -- A retry that repeats some lines: add the new ones line by line, in exact 64-bit HINCRBY steps.
  for _, b in ipairs(added) do
    for t = 1, 5 do redis.call('HINCRBY', KEYS[1], totals[t], ARGV[b + 2 + t]) end
  end
end
if #added > 0 then
  redis.call('HSET', KEYS[2], unpack(fields))
  redis.call('HINCRBY', KEYS[1], 't_lines', #added)
  redis.call('HINCRBY', KEYS[1], 'ver', 1)
end
local after = redis.call('HMGET', KEYS[1], 'ver', 't_sum', 't_fulamt', 't_overlmt', 't_preself', 't_inscp', 't_lines')
return {'ok', after[1], after[2] or '0', after[3] or '0', after[4] or '0', after[5] or '0', after[6] or '0', after[7] or '0'}
