// The console's performance in a real browser, on the Malta sample: how long a cold load takes
// to draw the full map (every layer, roads included), how long a dispatcher's click on the map
// takes to draw the nearest teams' routes, and the frame rate while teams move live. A benchmark,
// not a test: it reports medians and 95th percentiles against the console's targets (first full
// map within 1.5 s of a cold load, click to routes within 200 ms, at least 30 frames a second with
// 100 team positions a second) and asserts none of them; it exits 1 only if it cannot run.
//
// Times are the page's own (performance.now(), from the navigation's start or the click's event):
// "ready" is when window.musterConsole says every layer is drawn, "frame" the first animation
// frame after it (when the browser paints it). The breakdown of a load comes from the page's
// Navigation and Resource Timing; the service's own time per request from a plain fetch.
//
// Usage: node console_bench.mjs MUSTER_BINARY SAMPLES_DIR [--loads N] [--clicks N]
//   [--fps-seconds S] [--rate PER_SECOND] [--console DIR]
// 0 loads, clicks or seconds: that part is skipped. --console: the console's files from DIR
// (`muster serve --console`), e.g. an earlier version's, to compare on the same machine.

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { getJson, importMalta, launchChromium, newToken, openConsole, roadPointToClick, serve }
  from '../../tests/console/support.mjs';

const USAGE = 'usage: node console_bench.mjs MUSTER_BINARY SAMPLES_DIR [--loads N] [--clicks N] ' +
  '[--fps-seconds S] [--rate PER_SECOND] [--console DIR]';

function parseArguments(argv) {
  const [muster, samples, ...rest] = argv;
  const options = { loads: 20, clicks: 50, fpsSeconds: 20, rate: 100, console: null };
  const names = { '--loads': 'loads', '--clicks': 'clicks', '--fps-seconds': 'fpsSeconds',
    '--rate': 'rate' };
  for (let i = 0; i < rest.length; i += 2) {
    if (rest[i] === '--console' && rest[i + 1]) {
      options.console = rest[i + 1];
      continue;
    }
    const key = names[rest[i]];
    const value = Number(rest[i + 1]);
    if (!key || !Number.isInteger(value) || value < 0) {
      console.error(`console_bench: bad option '${rest[i]} ${rest[i + 1] ?? ''}'\n${USAGE}`);
      process.exit(2);
    }
    options[key] = value;
  }
  if (!muster || !samples) {
    console.error(USAGE);
    process.exit(2);
  }
  return { muster, samples, ...options };
}

const quantile = (values, q) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};
const ms = (v) => (Number.isFinite(v) ? `${Math.round(v)}`.padStart(6) : '     -');
/// One line of a table: a label, its median and 95th percentile, min and max.
const row = (label, values) => console.log(`  ${label.padEnd(34)}${ms(quantile(values, 0.5))}` +
  `${ms(quantile(values, 0.95))}${ms(Math.min(...values))}${ms(Math.max(...values))}`);
const header = (title) => console.log(`\n${title}\n  ${''.padEnd(34)}` +
  `${'median'.padStart(6)}${'p95'.padStart(6)}${'min'.padStart(6)}${'max'.padStart(6)}  (ms)`);

// Runs in the page before its scripts: the time of the first animation frame at which every
// layer is drawn (window.musterConsole.ready and its roads not loading), and when it was seen.
const WATCH_READY = () => {
  const done = () => window.musterConsole && window.musterConsole.ready &&
    !window.musterConsole.roads.loading;
  const watch = { ready: null, frame: null };
  performance.setResourceTimingBufferSize(100000);
  window.__bench = watch;
  // A short timer sees the moment; the next frame is when it is painted.
  const timer = setInterval(() => {
    if (watch.ready === null && done()) {
      watch.ready = performance.now();
      clearInterval(timer);
      requestAnimationFrame(() => { watch.frame = performance.now(); });
    }
  }, 2);
};

/// One cold load in a fresh context (empty cache, no cookies): its times from the navigation's
/// start, and the page's Navigation and Resource Timing.
async function coldLoad(browser, base) {
  const { context, page, problems } = await openConsole(browser, base, 'en-US',
    { script: WATCH_READY });
  await page.waitForFunction(() => window.__bench.frame !== null, null, { timeout: 30000 });
  const times = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = {};
    for (const r of performance.getEntriesByType('resource')) {
      const url = new URL(r.name);
      const key = url.pathname === '/map/roads' ? '/map/roads' : url.pathname;
      if (key === '/events/stream' || resources[key]) continue;  // the first of each
      resources[key] = { start: r.startTime, end: r.responseEnd, bytes: r.encodedBodySize };
    }
    return { ready: window.__bench.ready, frame: window.__bench.frame,
      html: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd,
      load: nav.loadEventEnd, resources, roads: window.musterConsole.roads };
  });
  await context.close();
  if (problems.length) throw new Error(`the page met errors: ${problems.join('; ')}`);
  return times;
}

async function benchColdLoads(browser, base, count) {
  // One load first to warm the service's caches and the disk, not counted.
  await coldLoad(browser, base);
  const loads = [];
  for (let i = 0; i < count; i += 1) loads.push(await coldLoad(browser, base));
  header(`cold load: ${count} loads, each in a fresh browser context (target: full map ≤ 1500 ms)`);
  const pick = (f) => loads.map(f).filter(Number.isFinite);
  row('document received', pick((l) => l.html));
  row('DOMContentLoaded (scripts run)', pick((l) => l.domContentLoaded));
  row('load event', pick((l) => l.load));
  // The page's styles and scripts as one row (the last received), each request of data its own.
  const isFile = (path) => /\.(js|css|png)$/.test(path) || path === '/';
  row('styles and scripts received', loads.map((l) => Math.max(...Object.entries(l.resources)
    .filter(([path]) => isFile(path)).map(([, r]) => r.end))));
  const paths = new Set(loads.flatMap((l) => Object.keys(l.resources)));
  for (const path of [...paths].filter((p) => !isFile(p))) {
    const have = loads.filter((l) => l.resources[path]);
    row(`${path} asked`, have.map((l) => l.resources[path].start));
    row(`${path} received`, have.map((l) => l.resources[path].end));
  }
  const facilities = ['/teams', '/shelters', '/hospitals', '/depots', '/hazards'];
  const roadsOf = (l) => l.resources['/map/roads'];
  row('last list received → roads asked', loads.filter(roadsOf).map((l) =>
    roadsOf(l).start - Math.max(...facilities.map((p) => l.resources[p]?.end ?? 0))));
  row('roads received → roads drawn', loads.filter(roadsOf).map((l) => l.ready - roadsOf(l).end));
  row('full map (ready)', pick((l) => l.ready));
  row('full map (painted frame)', pick((l) => l.frame));
  const last = loads[loads.length - 1];
  console.log(`  roads: ${last.roads.drawn} pieces, ${roadsOf(last)?.bytes ?? '?'} bytes, ` +
    `${last.roads.url}`);
  return loads;
}

// The service's own time for each request of a load, from node: no browser in between.
async function benchService(base, roadsUrl, repetitions = 20) {
  header(`service: ${repetitions} requests each, from node (no browser)`);
  for (const path of ['/', '/lib/leaflet/leaflet.js', '/console/console.js', '/teams', '/shelters',
    '/hospitals', '/depots', '/hazards', roadsUrl]) {
    const times = [];
    let bytes = 0;
    for (let i = 0; i < repetitions; i += 1) {
      const start = performance.now();
      const response = await fetch(base + path);
      bytes = (await response.arrayBuffer()).byteLength;
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      times.push(performance.now() - start);
    }
    row(`${path.length > 28 ? path.slice(0, 25) + '...' : path} ${Math.round(bytes / 1024)} kB`,
      times);
  }
}

// Runs in the page: the time of the next click on the map (its event's) and of the first frame
// at which the routes of its answer are drawn, as window.__click, a promise.
const WATCH_CLICK = () => {
  const d = window.musterConsole.dispatch;
  const loads = d.nearest.loads;
  window.__click = new Promise((resolve) => {
    let clicked = null;
    document.getElementById('map').addEventListener('click', (event) => {
      clicked = event.timeStamp;
    }, { capture: true, once: true });
    const timer = setInterval(() => {
      if (clicked === null || d.nearest.loads <= loads || d.nearest.loading) return;
      const seen = performance.now();
      clearInterval(timer);
      requestAnimationFrame(() => {
        const nearest = performance.getEntriesByType('resource')
          .filter((r) => new URL(r.name).pathname === '/nearest').pop();
        resolve({ clicked, seen, frame: performance.now(), routes: d.routes_drawn,
          asked: nearest ? nearest.startTime : NaN, answered: nearest ? nearest.responseEnd : NaN,
          error: d.error });
      });
    }, 1);
  });
};

async function benchClicks(browser, base, token, count) {
  const { context, page, problems } = await openConsole(browser, base, 'en-US', {
    script: (t) => sessionStorage.setItem('muster.token', t), arg: token });
  await page.waitForFunction(() => window.musterConsole.dispatch.role === 'dispatcher', null,
    { timeout: 10000 });
  // Views centred on main roads' vertices spread over the islands, each a click near its centre.
  const county = await getJson(base, '/map/roads?bbox=14.15,35.78,14.6,36.09&min_class=secondary');
  const vertices = county.features.filter((f) => f.geometry.type === 'LineString')
    .map((f) => f.geometry.coordinates[Math.floor(f.geometry.coordinates.length / 2)]);
  const step = Math.max(1, Math.floor(vertices.length / count));
  const clicks = [];
  for (let i = 0; clicks.length < count && i < vertices.length; i += step) {
    const [lon, lat] = vertices[i];
    const loads = await page.evaluate(() => window.musterConsole.roads.loads);
    await page.evaluate(([la, lo]) => {
      window.muster.map.setView([la, lo], 14, { animate: false });
    }, [lat, lon]);
    await page.waitForFunction((before) => window.musterConsole.roads.loads > before &&
      !window.musterConsole.roads.loading, loads, { timeout: 30000 });
    const point = await roadPointToClick(page, base);
    if (!point) continue;
    await page.evaluate(WATCH_CLICK);
    await page.mouse.click(point.x, point.y);
    clicks.push(await page.evaluate(() => window.__click));
  }
  await context.close();
  if (problems.length) throw new Error(`the page met errors: ${problems.join('; ')}`);
  header(`click to routes: ${clicks.length} clicks at road points (target: ≤ 200 ms)`);
  row('click → GET /nearest asked', clicks.map((c) => c.asked - c.clicked));
  row('GET /nearest (request → answer)', clicks.map((c) => c.answered - c.asked));
  row('answer → routes drawn', clicks.map((c) => c.seen - c.answered));
  row('click → routes drawn', clicks.map((c) => c.seen - c.clicked));
  row('click → routes painted (frame)', clicks.map((c) => c.frame - c.clicked));
  const refused = clicks.filter((c) => c.error).length;
  console.log(`  routes drawn per click: ${quantile(clicks.map((c) => c.routes), 0.5)} (median); ` +
    `refused: ${refused}`);
  return clicks;
}

// Runs in the page: frames counted by requestAnimationFrame for `seconds`, per second.
const COUNT_FRAMES = (seconds) => new Promise((resolve) => {
  const start = performance.now();
  const perSecond = new Array(seconds).fill(0);
  const gaps = [];
  let last = start;
  const applied = window.musterConsole.live.applied;
  const frame = (now) => {
    const second = Math.floor((now - start) / 1000);
    if (second >= seconds) {
      resolve({ perSecond, gaps, applied: window.musterConsole.live.applied - applied });
      return;
    }
    perSecond[second] += 1;
    gaps.push(now - last);
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
});

async function benchLiveTeams(browser, base, token, seconds, rate) {
  const teams = (await getJson(base, '/teams')).teams;
  const { context, page, problems } = await openConsole(browser, base, 'en-US');
  await page.waitForFunction(() => window.musterConsole.live.connected, null, { timeout: 10000 });
  // Each team wanders around where it stands; one PATCH every 1/rate s, round robin.
  let sent = 0;
  let failed = 0;
  let running = true;
  const inFlight = new Set();
  const mover = (async () => {
    const start = performance.now();
    while (running) {
      const team = teams[sent % teams.length];
      const angle = (sent / teams.length) * 0.7;
      const location = [team.location[0] + 0.002 * Math.cos(angle),
        team.location[1] + 0.002 * Math.sin(angle)];
      sent += 1;
      const request = fetch(`${base}/teams/${encodeURIComponent(team.id)}`, {
        method: 'PATCH', headers: { Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json' }, body: JSON.stringify({ location }),
      }).then((r) => { if (!r.ok) failed += 1; return r.arrayBuffer(); })
        .catch(() => { failed += 1; })
        .finally(() => inFlight.delete(request));
      inFlight.add(request);
      const due = start + (sent * 1000) / rate;
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    }
  })();
  const frames = await page.evaluate(COUNT_FRAMES, seconds);
  running = false;
  await mover;
  await Promise.all(inFlight);
  // The page's tally once the last events had time to arrive.
  const before = frames.applied;
  await page.waitForTimeout(1000);
  const appliedLate = await page.evaluate(() => window.musterConsole.live.applied);
  await context.close();
  if (problems.length) throw new Error(`the page met errors: ${problems.join('; ')}`);
  const fps = frames.perSecond;
  console.log(`\nlive teams: ${rate} PATCH /teams/{id} a second over ${teams.length} teams for ` +
    `${seconds} s (target: ≥ 30 frames a second)`);
  console.log(`  frames a second: median ${quantile(fps, 0.5)}, worst 1-s window ` +
    `${Math.min(...fps)}, best ${Math.max(...fps)}`);
  console.log(`  frame gap: median ${quantile(frames.gaps, 0.5).toFixed(1)} ms, p95 ` +
    `${quantile(frames.gaps, 0.95).toFixed(1)} ms, max ${Math.max(...frames.gaps).toFixed(1)} ms`);
  console.log(`  updates: sent ${sent} (refused or failed ${failed}), applied by the page ` +
    `${before} during the count, ${appliedLate} in all`);
  return { fps, sent, failed, applied: appliedLate };
}

const options = parseArguments(process.argv.slice(2));
const work = mkdtempSync(join(tmpdir(), 'muster-console-bench-'));
let server = null;
let browser = null;
let status = 0;
try {
  const db = join(work, 'malta.sqlite');
  importMalta(options.muster, options.samples, db);
  const tokensFile = join(work, 'tokens.tsv');
  // The tokens first: `muster serve --tokens` reads the file as it starts.
  const token = newToken(options.muster, tokensFile, 'bench-dispatcher', 'dispatcher');
  server = await serve(options.muster, db, ['--tokens', tokensFile,
    ...(options.console ? ['--console', options.console] : [])]);
  browser = await launchChromium('console_bench.mjs');
  console.log(`console benchmark: Malta sample, ${server.base}, chromium ${browser.version()}` +
    (options.console ? `, the console of ${options.console}` : ''));
  // The times are wall-clock: other work on the machine lengthens them.
  const machine = () => `load average ${loadavg().map((v) => v.toFixed(1)).join(' ')} on ` +
    `${cpus().length} cores`;
  console.log(`at the start: ${machine()}`);
  if (options.loads) {
    const loads = await benchColdLoads(browser, server.base, options.loads);
    await benchService(server.base, loads[loads.length - 1].roads.url);
  }
  if (options.clicks) await benchClicks(browser, server.base, token, options.clicks);
  if (options.fpsSeconds) {
    await benchLiveTeams(browser, server.base, token, options.fpsSeconds, options.rate);
  }
  console.log(`\nat the end: ${machine()}`);
} catch (error) {
  console.error('console_bench:', error);
  status = 1;
} finally {
  if (browser) await browser.close();
  if (server) server.child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
process.exit(status);
