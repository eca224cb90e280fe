-- wrk's script for bench/serve_load.py: GET /route between two points, or GET /nearest from one,
-- drawn at random from a list of points known to lie near Malta's roads.
--
--   wrk ... -s bench/serve_load.lua URL -- POINTS_FILE route|nearest SEED
--
-- POINTS_FILE holds one "lon,lat" a line. Each wrk thread draws from its own generator seeded
-- with SEED and the thread's number, so a run's requests are the same from run to run. done()
-- prints one line of figures, "wrk-result" and key=value pairs, for the driver to read.

local next_thread = 0

function setup(thread)
    thread:set("thread_number", next_thread)
    next_thread = next_thread + 1
end

local points = {}
local mode = "route"

function init(args)
    for line in io.lines(args[1]) do
        if line ~= "" then
            points[#points + 1] = line
        end
    end
    mode = args[2] or "route"
    math.randomseed(tonumber(args[3] or "1") * 1000 + (thread_number or 0))
end

local function point()
    return points[math.random(#points)]
end

function request()
    if mode == "nearest" then
        return wrk.format("GET", "/nearest?at=" .. point() .. "&kind=ambulance&k=3")
    end
    return wrk.format("GET", "/route?from=" .. point() .. "&to=" .. point())
end

function done(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local e = summary.errors
    io.write(string.format(
        "wrk-result requests=%d seconds=%.3f rate=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f " ..
        "max_ms=%.3f non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
        summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
        latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
        e.status, e.connect, e.read, e.write, e.timeout))
end
