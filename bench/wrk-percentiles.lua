-- wrk report: throughput, latency percentiles up to p99.9, errors (used by bench/results-page.sh).
-- WRK_DELAY_MS=n: each connection waits n ms between a response and its next request (paced
-- clients, as browsers are, rather than back-to-back requests): the offered rate is then about
-- connections × 1000 / (n + latency) requests per second.
local pause = tonumber(os.getenv("WRK_DELAY_MS") or "")
if pause then
  delay = function() return pause end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("requests %d in %.1f s: %.0f req/s\n", summary.requests, seconds, summary.requests / seconds))
  local line = ""
  for _, p in ipairs({50, 90, 99, 99.9}) do
    line = line .. string.format("p%g %.2f ms  ", p, latency:percentile(p) / 1000)
  end
  io.write(line .. string.format("max %.2f ms\n", latency.max / 1000))
  io.write(string.format("errors: connect %d, read %d, write %d, status %d, timeout %d\n", summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
end
