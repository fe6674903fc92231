-- POST /generate with a JSON body and the X-API-Key header; collects the gateway's X-Codegen-Added-Latency-Ms per thread
-- and prints one line "WRKJSON {...}" with rate, latency and added latency p50/p99 (ms).
-- WRK_RATE (total requests/s) and WRK_THREADS (= wrk -t) pace the requests on a per-thread
-- schedule (a fixed offered load as long as the connections suffice); unset = as fast as possible.
wrk.method = "POST"
wrk.body = '{"prompt":"a function that reverses a string","language":"java"}'
wrk.headers["Content-Type"] = "application/json"
-- The gateway's API key (CODEGEN_API_KEY, exported by bench/lib.sh): every endpoint needs one.
local api_key = os.getenv("CODEGEN_API_KEY")
if api_key == nil or api_key == "" then
  error("CODEGEN_API_KEY is not set (bench/lib.sh sets it)")
end
wrk.headers["X-API-Key"] = api_key

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local interval = nil
local next_at = nil

function init(args)
  added = {}
  non2xx = 0
  local rate = tonumber(os.getenv("WRK_RATE") or "")
  if rate ~= nil and rate > 0 then
    interval = 1000 / (rate / tonumber(os.getenv("WRK_THREADS") or "2"))
  end
end

function delay()
  if interval == nil then
    return 0
  end
  local t = now_ms()
  if next_at == nil or next_at < t - 1000 then
    next_at = t
  end
  local slot = next_at
  next_at = next_at + interval
  return math.max(0, math.floor(slot - t))
end

function response(status, headers, body)
  if status >= 300 then
    non2xx = non2xx + 1
  end
  local v = headers["X-Codegen-Added-Latency-Ms"]
  if v ~= nil and #added < 200000 then
    added[#added + 1] = tonumber(v)
  end
end

function done(summary, latency, requests)
  local all = {}
  local bad = 0
  for _, t in ipairs(threads) do
    local a = t:get("added")
    bad = bad + t:get("non2xx")
    for i = 1, #a do
      all[#all + 1] = a[i]
    end
  end
  table.sort(all)
  local function pct(q)
    if #all == 0 then return "null" end
    return string.format("%.3f", all[math.max(1, math.ceil(q * #all))])
  end
  io.write(string.format(
    'WRKJSON {"requests":%d,"seconds":%.2f,"per_s":%.1f,"errors":%d,"non2xx":%d,' ..
    '"p50_ms":%.2f,"p99_ms":%.2f,"added_p50_ms":%s,"added_p99_ms":%s}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
      + summary.errors.status, bad,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, pct(0.5), pct(0.99)))
end
