-- wrk script: each connection sends the next request from a list, then waits so that all
-- connections together keep to about RATE requests per second (wrk is closed-loop; this paces it).
-- Environment: TARGETS (file with one request per line: a path, optionally a TAB and a Cookie header value,
-- as a browser carries the cookie /connect set), RATE, CONNECTIONS, THREADS, HEADER (optional "Name: value"),
-- METHOD and BODY (optional: e.g. POST and a form body, sent with every request).
local targets = {}
local index = 0
local pause = 1000 * tonumber(os.getenv("CONNECTIONS")) / tonumber(os.getenv("RATE"))
local threads = {}
local method = os.getenv("METHOD")
local body = os.getenv("BODY")

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local n = 0
  for line in io.lines(os.getenv("TARGETS")) do
    n = n + 1
    -- each thread takes every k-th target, so no target is sent twice
    if (n - 1) % tonumber(os.getenv("THREADS")) == id then
      local path, cookie = line:match("^([^\t]*)\t(.*)$")
      table.insert(targets, { path = path or line, cookie = cookie })
    end
  end
  local header = os.getenv("HEADER")
  if header and header ~= "" then
    local name, value = header:match("^([^:]+):%s*(.*)$")
    wrk.headers[name] = value
  end
  if body and body ~= "" then
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
end

function request()
  index = index + 1
  local target = targets[((index - 1) % #targets) + 1]
  local headers = nil
  if target.cookie and target.cookie ~= "" then
    -- wrk.format uses a given table instead of wrk.headers: copy those, then add the cookie
    headers = {}
    for name, value in pairs(wrk.headers) do
      headers[name] = value
    end
    headers["Cookie"] = target.cookie
  end
  if method and method ~= "" then
    return wrk.format(method, target.path, headers, body)
  end
  return wrk.format("GET", target.path, headers)
end

function delay()
  return pause
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout))
end
