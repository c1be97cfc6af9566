-- Adds fee lines to an open visit, idempotently per feedetl_sn: an identical line is skipped, a changed one refused.
-- The visit keeps the line count and item totals, so a settle reads the visit hash alone.
-- KEYS: 1 visit, 2 fees
-- ARGV: 1 line count n, then n groups of 8: sn, input digest, result body, amount, fulamt, overlmt, preself, inscp
-- Returns: {'ok', ver, t_sum, t_fulamt, t_overlmt, t_preself, t_inscp, t_lines} | {'novisit'} | {'notopen'} | {'conflict', sn}
local v = redis.call('HMGET', KEYS[1], 'ver', 'status')
if not v[1] then return {'novisit'} end
if v[2] ~= 'open' then return {'notopen'} end
local n = tonumber(ARGV[1])
for i = 0, n - 1 do
  local b = 2 + i * 8
  local existing = redis.call('HGET', KEYS[2], 'd:' .. ARGV[b])
  if existing and existing ~= ARGV[b + 1] then return {'conflict', ARGV[b]} end
end
local added = 0
for i = 0, n - 1 do
  local b = 2 + i * 8
  if redis.call('HSETNX', KEYS[2], 'd:' .. ARGV[b], ARGV[b + 1]) == 1 then
    redis.call('HSET', KEYS[2], 'r:' .. ARGV[b], ARGV[b + 2])
    redis.call('HINCRBY', KEYS[1], 't_sum', ARGV[b + 3])
    redis.call('HINCRBY', KEYS[1], 't_fulamt', ARGV[b + 4])
    redis.call('HINCRBY', KEYS[1], 't_overlmt', ARGV[b + 5])
    redis.call('HINCRBY', KEYS[1], 't_preself', ARGV[b + 6])
    redis.call('HINCRBY', KEYS[1], 't_inscp', ARGV[b + 7])
    added = added + 1
  end
end
if added > 0 then
  redis.call('HINCRBY', KEYS[1], 't_lines', added)
  redis.call('HINCRBY', KEYS[1], 'ver', 1)
end
local after = redis.call('HMGET', KEYS[1], 'ver', 't_sum', 't_fulamt', 't_overlmt', 't_preself', 't_inscp', 't_lines')
return {'ok', after[1], after[2] or '0', after[3] or '0', after[4] or '0', after[5] or '0', after[6] or '0', after[7] or '0'}
