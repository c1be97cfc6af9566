-- Commits one settlement on the person's hash slot (DESIGN.md §4.2 step 8, §6): accumulators, balance, settlement
-- record, visit status and the msgid's idempotency record change together. Replay is decided here, once.
-- KEYS: 1 state, 2 msg (this msgid), 3 settlement record, 4 visit, 5 filings, 6 outbox of this slot
-- ARGV: 1 expected state ver, 2 expected visit ver ('' for a visit treated in another city), 3 expected filings ver,
--       4 digest, 5 response body, 6 setl_id, 7 year, 8 acct debit, 9 mdtrt_id, 10 msgid, 11 balance after,
--       12 n, then n triples: accumulator name, delta (kept with the record for a cancel), year total after,
--       then, only for a visit treated elsewhere, whose person-side copy is written here so cancel and a second settle
--       see it (DESIGN.md §3): visit json and the item totals (sum, fulamt, overlmt, preself, inscp); then the row this
--       commit keeps with the record and books through the outbox: for a visit treated here the hospital ledger's row
--       (record field 'ledger'), for a visit treated elsewhere the insured city's clearing record (field 'clearing',
--       DESIGN.md §11): its outbox field and the row; an empty field for none (a node that feeds no clearing). The
--       outbox entry holds a reference to the record's copy ('@field key', OutboxStore), so the row is stored once.
-- Returns: {'ok'} | {'replay', body} | {'conflict'} | {'reversed'} | {'novisit'} | {'visitclosed', setl_id} | {'stale'}
-- Each hash is written by one command: Redis's time per settle is mostly per command, on this path and in the AOF.
local state_ver, visit_ver, filings_ver, digest, body, setl_id, year, acct, mdtrt_id, msgid, balc = unpack(ARGV, 1, 11)
local m = redis.call('HMGET', KEYS[2], 'digest', 'op', 'body')
if m[2] then
  if m[2] == 'tombstone' or m[2] == 'reversed' then return {'reversed'} end
  if m[1] ~= digest then return {'conflict'} end
  return {'replay', m[3]}
end
local v = redis.call('HMGET', KEYS[4], 'ver', 'status', 'setl_id')
local remote = visit_ver == ''
if not v[1] and not remote then return {'novisit'} end
if v[1] and v[2] ~= 'open' then return {'visitclosed', v[3]} end
local sv = redis.call('HGET', KEYS[1], 'ver') or '0'
local fv = redis.call('HGET', KEYS[5], '_ver') or '0'
if sv ~= state_ver or fv ~= filings_ver or (not remote and v[1] ~= visit_ver) then return {'stale'} end
-- The state is at the version the node computed from, so the year totals and balance it sends are exact.
local totals = {'balc', balc, 'ver', tonumber(sv) + 1}
local n = tonumber(ARGV[12])
local record = {'status', 'settled', 'year', year, 'acct', acct, 'mdtrt_id', mdtrt_id, 'msgid', msgid, 'body', body}
local entry = remote and 19 + n * 3 or 13 + n * 3
local copy = remote and 'clearing' or 'ledger'
if ARGV[entry] ~= '' then
  record[#record + 1] = copy
  record[#record + 1] = ARGV[entry + 1]
end
for i = 0, n - 1 do
  local name, delta, after = ARGV[13 + i * 3], ARGV[14 + i * 3], ARGV[15 + i * 3]
  totals[#totals + 1] = year .. ':' .. name
  totals[#totals + 1] = after
  record[#record + 1] = 'd:' .. name
  record[#record + 1] = delta
end
redis.call('HSET', KEYS[1], unpack(totals))
redis.call('HSET', KEYS[3], unpack(record))
redis.call('HSET', KEYS[2], 'digest', digest, 'op', 'settle', 'body', body, 'setl_id', setl_id, 'mdtrt_id', mdtrt_id)
local ver = tonumber(v[1] or '0') + 1
if remote then
  local json, sum, fulamt, overlmt, preself, inscp = unpack(ARGV, 13 + n * 3, 18 + n * 3)
  redis.call('HSET', KEYS[4], 'visit', json, 't_sum', sum, 't_fulamt', fulamt, 't_overlmt', overlmt,
    't_preself', preself, 't_inscp', inscp, 'status', 'settled', 'setl_id', setl_id, 'ver', ver)
else
  redis.call('HSET', KEYS[4], 'status', 'settled', 'setl_id', setl_id, 'ver', ver)
end
if ARGV[entry] ~= '' then redis.call('HSET', KEYS[6], ARGV[entry], '@' .. copy .. ' ' .. KEYS[3]) end
return {'ok'}
