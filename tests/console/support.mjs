// What the console's browser tests share: a sample (Malta or Nanjing) imported into a fresh
// database, `muster serve` on a free port, Debian's chromium (headless, driven by playwright-core;
// no browser is downloaded) and a page of the console at 1366×768 that records every browser
// error, uncaught exception, failed request and HTTP error answer it meets.

import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const CHROMIUM = '/usr/bin/chromium';

/// The arguments of a test (MUSTER_BINARY SAMPLES_DIR ARTIFACTS_DIR), or exit 2 with its usage.
/// SAMPLES_DIR is one sample's folder (samples/malta, samples/nanjing): its name picks the import.
export function testArguments(script) {
  const [muster, samples, artifacts] = process.argv.slice(2);
  if (!muster || !samples || !artifacts) {
    console.error(`usage: node ${script} MUSTER_BINARY SAMPLES_DIR ARTIFACTS_DIR`);
    process.exit(2);
  }
  return { muster, samples, artifacts };
}

/// A tally of checks: check(ok, what) prints each, failures counts those that failed.
export function checker() {
  const tally = { failures: 0 };
  tally.check = (ok, what) => {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) tally.failures += 1;
  };
  return tally;
}

/// playwright-core's chromium, or exit 1 if it is not installed.
export async function launchChromium(script) {
  const here = dirname(fileURLToPath(import.meta.url));
  if (!existsSync(join(here, 'node_modules', 'playwright-core'))) {
    console.error(`${script}: playwright-core is not installed; run scripts/install-deps.sh`);
    process.exit(1);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox'] });  // as root in a container, chromium's sandbox cannot start
}

/// `muster import` of the Malta sample into `db`, as `make demo` does.
export function importMalta(muster, samples, db) {
  const file = (name) => join(samples, name);
  execFileSync(muster, ['import', db, '--roads', file('malta-latest.osm.pbf'),
    '--townships', file('townships.geojson'), '--shelters', file('shelters.geojson'),
    '--depots', file('depots.geojson'), '--inventory', file('inventory.csv'),
    '--teams', file('teams.geojson'), '--hospitals', file('hospitals.geojson'),
    '--hazards', file('hazards.geojson')], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/// `muster import` of the Nanjing sample (samples/nanjing) into `db`, as `make demo-nanjing` does:
/// GBK Shapefiles in EPSG:4549, shelters in Excel, a GB18030 inventory, teams in GCJ-02.
export function importNanjing(muster, samples, db) {
  const file = (name) => join(samples, name);
  execFileSync(muster, ['import', db, '--roads', file('roads.shp'),
    '--townships', file('townships.shp'), '--shelters', file('shelters.xlsx'),
    '--depots', file('depots.shp'), '--inventory', file('inventory.csv'),
    '--teams', file('teams.csv'), '--coordinates', 'teams=gcj02',
    '--hospitals', file('hospitals.shp'), '--hazards', file('hazards.shp')],
  { stdio: ['ignore', 'ignore', 'inherit'] });
}

/// Each sample's import, by the name of its folder under samples/.
const IMPORTS = { malta: importMalta, nanjing: importNanjing };

/// `muster token FILE --user USER --role ROLE`: the token it prints.
export function newToken(muster, file, user, role) {
  return execFileSync(muster, ['token', file, '--user', user, '--role', role],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/// `muster serve DB --port 0 ARGS...`: the child and its base URL, once it says where it listens.
export function serve(muster, db, args = []) {
  const child = spawn(muster, ['serve', db, '--port', '0', '--threads', '2', ...args],
    { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('muster serve named no port in 60 s')), 60000);
    child.on('exit', (code) => reject(new Error(`muster serve exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve({ child, base: match[1] });
      }
    });
  });
}

/// GET `path` of the service as JSON; throws for an answer that is not 2xx.
export async function getJson(base, path) {
  const response = await fetch(base + path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

/// Opens the console in a new page of `browser` and waits until it has drawn everything. `init`
/// runs in the page before its scripts (e.g. a token in sessionStorage). `problems` collects
/// what went wrong in the browser.
export async function openConsole(browser, base, locale, init = null) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale });
  if (init) await context.addInitScript(init.script, init.arg);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // The event stream's request is cut when its page closes: not a failure of the page.
    if (new URL(request.url()).pathname === '/events/stream') return;
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(base + '/', { waitUntil: 'load' });
  await page.waitForFunction(() => window.musterConsole && window.musterConsole.ready &&
    !window.musterConsole.roads.loading, null, { timeout: 30000 });
  return { context, page, problems };
}

/// A vertex of a main road in the page's view, drawn well inside the map and at least 24 px
/// from every marker (a click on a marker opens it instead of placing an incident); the one
/// nearest the view's centre. Its pixel, in the page.
export async function roadPointToClick(page, base) {
  const url = await page.evaluate(() => window.musterConsole.roads.url);
  const roads = await getJson(base, url);
  const candidates = [];
  for (const feature of roads.features) {
    if (feature.properties.rank > 4 || feature.geometry.type !== 'LineString') continue;
    const line = feature.geometry.coordinates;
    candidates.push(line[Math.floor(line.length / 2)]);
  }
  const places = [];
  for (const path of ['/teams', '/shelters', '/hospitals', '/depots']) {
    const answer = await getJson(base, path);
    for (const item of Object.values(answer).find(Array.isArray)) places.push(item.location);
  }
  return page.evaluate(({ candidates, places }) => {
    const c = window.musterConsole;
    const box = document.getElementById('map').getBoundingClientRect();
    const centre = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    const markers = places.map(([lon, lat]) => c.pixelOf(lon, lat));
    let best = null;
    for (const [lon, lat] of candidates) {
      const p = c.pixelOf(lon, lat);
      // Clear of the zoom buttons (top left), the layer switch and the legend (right).
      if (p.x < box.left + 80 || p.x > box.right - 300 || p.y < box.top + 80 ||
        p.y > box.bottom - 60) continue;
      if (markers.some((m) => Math.hypot(m.x - p.x, m.y - p.y) < 24)) continue;
      const d = Math.hypot(p.x - centre.x, p.y - centre.y);
      if (!best || d < best.d) best = { x: p.x, y: p.y, d, lon, lat };
    }
    return best;
  }, { candidates, places });
}

/// A click on a main road point of the view (roadPointToClick), as a dispatcher places an
/// incident; once the page has listed the nearest teams: the point clicked and the page's
/// dispatch state (window.musterConsole.dispatch). `check` records whether a point was found and
/// the incident put where the click was.
export async function clickRoadForNearest(page, base, check) {
  const point = await roadPointToClick(page, base);
  check(point !== null, `a road point to click ${JSON.stringify(point)}`);
  await page.mouse.click(point.x, point.y);
  await page.waitForFunction(() => window.musterConsole.dispatch.nearest.loads > 0 &&
    !window.musterConsole.dispatch.nearest.loading, null, { timeout: 30000 });
  const listed = await page.evaluate(() => window.musterConsole.dispatch);
  const [lon, lat] = listed.incident.at;
  check(Math.abs(lon - point.lon) < 0.001 && Math.abs(lat - point.lat) < 0.001,
    `the incident is where the click was (${lon}, ${lat})`);
  return { point, listed };
}

/// The "Service area" button of the open popup clicked (console/planner.js): the planner's
/// service area once drawn (window.musterConsole.planner.service_area).
export async function showServiceArea(page) {
  await page.waitForSelector('.leaflet-popup .service-area-button', { timeout: 10000 });
  await page.click('.leaflet-popup .service-area-button');
  await page.waitForFunction(() => {
    const area = window.musterConsole.planner.service_area;
    return area && !area.loading;
  }, null, { timeout: 60000 });
  return page.evaluate(() => window.musterConsole.planner.service_area);
}

/// Runs one browser test: `sample` ('malta' or 'nanjing', which must be SAMPLES_DIR's name)
/// imported into a fresh folder, a token for each [user, role] of `users` (then `muster serve
/// --tokens`), the service and chromium started, and `body({ base, browser, tokens })` (tokens by
/// user). Everything is stopped and removed after it; the process exits 1 if a check of `tally`
/// failed or the body threw.
export async function runBrowserTest(script, tally, { muster, samples, artifacts }, body,
  users = [], sample = 'malta') {
  const work = mkdtempSync(join(tmpdir(), `muster-${script.replace('.mjs', '')}-`));
  let server = null;
  let browser = null;
  try {
    // The test's checks are written for its sample: another folder is a mistake of its caller.
    if (basename(samples) !== sample || !IMPORTS[sample]) {
      throw new Error(`${script} is written for the ${sample} sample, not ${samples}`);
    }
    const db = join(work, `${sample}.sqlite`);
    IMPORTS[sample](muster, samples, db);
    const file = join(work, 'tokens.tsv');
    const tokens = {};
    for (const [user, role] of users) tokens[user] = newToken(muster, file, user, role);
    server = await serve(muster, db, users.length ? ['--tokens', file] : []);
    mkdirSync(artifacts, { recursive: true });
    browser = await launchChromium(script);
    await body({ base: server.base, browser, tokens });
  } catch (error) {
    console.error(error);
    tally.failures += 1;
  } finally {
    if (browser) await browser.close();
    if (server) server.child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
  process.exit(tally.failures ? 1 : 0);
}
