-- wrk report: throughput, latency percentiles up to p99.9, errors (used by bench/results-page.sh).
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
