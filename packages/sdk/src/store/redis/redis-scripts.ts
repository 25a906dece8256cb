// The Redis store's atomic steps, as Lua run by EVAL: each reads and writes its keys with no other
// command in between. Every write carries the caller's token, so that a command ioredis resends after
// a reconnect (it may already have run) finds its own write and answers as the first run did, instead
// of mistaking it for another caller's.

/**
 * Idempotency `begin`. KEYS[1] record; ARGV[1] the started record (JSON), ARGV[2] TTL ms, ARGV[3] owner.
 * Returns nil when the caller now owns the key, else the record found.
 */
export const BEGIN = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
local found = redis.call('GET', KEYS[1])
local ok, record = pcall(cjson.decode, found)
if ok and type(record) == 'table' and record.owner == ARGV[3] and record.state == 'started' then return false end
return found`;

/**
 * Idempotency `finish`. KEYS[1] record; ARGV[1] owner, ARGV[2] response, ARGV[3] TTL ms. Writes the done
 * record unless another owner holds the key.
 */
export const FINISH = `
local found = redis.call('GET', KEYS[1])
local record = { fingerprint = '', owner = ARGV[1] }
if found then
  record = cjson.decode(found)
  if record.owner ~= ARGV[1] then return 0 end
end
record.state = 'done'
record.response = ARGV[2]
redis.call('SET', KEYS[1], cjson.encode(record), 'PX', ARGV[3])
return 1`;

/** Idempotency `abandon`. KEYS[1] record; ARGV[1] owner. Deletes a started record of that owner only. */
export const ABANDON = `
local found = redis.call('GET', KEYS[1])
if not found then return 0 end
local record = cjson.decode(found)
if record.owner == ARGV[1] and record.state == 'started' then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Delivery `claim`. KEYS[1] delivery; ARGV[1] token, ARGV[2] TTL ms. 1 for the first claimant. */
export const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then return 1 end
return 0`;

/**
 * Lease `acquire`. KEYS[1] lease, KEYS[2] fence counter; ARGV[1] holder token, ARGV[2] TTL ms. The lease
 * holds `<fence>:<token>`. Fences never go below the server's clock in microseconds, so they keep
 * growing even after a restart that lost the counter.
 */
export const ACQUIRE = `
local found = redis.call('GET', KEYS[1])
if found then
  local sep = string.find(found, ':', 1, true)
  if sep and string.sub(found, sep + 1) == ARGV[1] then return tonumber(string.sub(found, 1, sep - 1)) end
  return false
end
local time = redis.call('TIME')
local floor = tonumber(time[1]) * 1000000 + tonumber(time[2])
local fence = redis.call('INCR', KEYS[2])
if fence < floor then
  fence = floor
  redis.call('SET', KEYS[2], string.format('%d', fence))
end
redis.call('SET', KEYS[1], string.format('%d', fence) .. ':' .. ARGV[1], 'PX', ARGV[2])
return fence`;

/** Lease `renew`. KEYS[1] lease; ARGV[1] fence, ARGV[2] TTL ms. 1 when the fence still holds it. */
export const RENEW = `
local found = redis.call('GET', KEYS[1])
if not found then return 0 end
local sep = string.find(found, ':', 1, true)
if sep and string.sub(found, 1, sep - 1) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** Lease `release`. KEYS[1] lease; ARGV[1] fence. */
export const RELEASE = `
local found = redis.call('GET', KEYS[1])
if not found then return 0 end
local sep = string.find(found, ':', 1, true)
if sep and string.sub(found, 1, sep - 1) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
