// The console on the Chinese county sample, in Chinese, as a dispatcher and a planner in Nanjing
// would use it: samples/nanjing imported as `make demo-nanjing` does it (GBK Shapefiles in
// EPSG:4549, shelters in Excel, a GB18030 inventory, teams in GCJ-02 with Chinese coded values),
// `muster serve --tokens` with a dispatcher made by `muster token`, the console in Debian's
// chromium at 1366×768 with the browser's language zh-CN.
//
// Checked: as many team, shelter, hospital and depot markers and hazard zones as GET /teams,
// /shelters, /hospitals, /depots and /hazards list, the road pieces GET /map/roads answers for
// the view, the county's road classes (城市主干道, 次干道, ...) ranked as their OSM classes (so
// that, zoomed out, the main roads stay drawn), and every marker inside the map's view.
// No English label, in each of these states: before login (the bar: title, status line, login
// form, view switch; the layer switch; the legend; Leaflet's zoom buttons and attribution), a
// shelter's, a hospital's and a depot's popup and a team's tooltip opened, the dispatcher's panel
// after login (dispatch, zones, incidents, mass casualties), the nearest teams listed after a
// click, the planner's view (its legend, summary) and a township's popup. In each, the page's
// visible text, its select options and its aria-label, title and placeholder attributes hold no
// message of the English catalogue (console/messages.js's `en`, every string of it,
// {placeholders} matching anything) and no Latin word but muster, Leaflet, the user's name and
// the data's ids. Leaflet's scale bar is left out: "500 m", "1 km" are SI symbols, not labels.
// Nothing overflows: the bar keeps one line, the panel, the team table and the legends fit their
// boxes, the legends and the layer switch stay inside the map.
// The ambulances: teams.csv's 救护车 rows (read here, UTF-8) are the teams GET /teams calls
// "ambulance"; the dispatcher logs in with the form, clicks a main road point, and the three
// teams listed (ids, ETAs, distances, in 分钟 and 公里) equal GET /nearest at that point with
// kind=救护车 (the page asks kind=ambulance). The planner's choropleth: every township's
// population, covered and share equal GET /coverage's by_township, as many shapes as GET
// /townships; the bar shows the planner's summary (the map's again back in the dispatcher's
// view); a hospital's service area drawn as GET /isochrone's bands, in the same checks of labels.
// No browser error. Screenshots: ARTIFACTS_DIR/nanjing-*.png.
//
// Usage: node nanjing.mjs MUSTER_BINARY SAMPLES_DIR ARTIFACTS_DIR (SAMPLES_DIR: samples/nanjing)

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testArguments, checker, getJson, clickRoadForNearest, openConsole,
  runBrowserTest, showServiceArea }
  from './support.mjs';

const args = testArguments('nanjing.mjs');
const { artifacts, samples } = args;
const tally = checker();
const { check } = tally;

/// The English catalogue's messages found in the page's labels now, and what was searched.
async function englishShown(page) {
  return page.evaluate(() => {
    const strings = [];
    const walk = (value) => {
      if (typeof value === 'string') strings.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(window.MUSTER_MESSAGES.en);
    // What a reader meets: visible text, options, and the attributes read aloud or hovered.
    const scale = document.querySelector('.leaflet-control-scale');
    if (scale) scale.style.display = 'none';
    const seen = [document.body.innerText];
    if (scale) scale.style.display = '';
    for (const option of document.querySelectorAll('option')) seen.push(option.textContent);
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (element.closest('.leaflet-control-scale')) continue;
      for (const name of ['aria-label', 'title', 'placeholder']) {
        if (element.hasAttribute(name)) seen.push(element.getAttribute(name));
      }
    }
    const page = seen.join('\n');
    const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const found = strings.filter((message) => {
      const parts = message.split(/\{\w+\}/);
      if (!/[A-Za-z]/.test(parts.join(''))) return false;  // nothing English in it
      const pattern = parts.map(escapeRegExp).join('.{0,80}?');
      return new RegExp(`(?<![A-Za-z])${pattern}(?![A-Za-z])`).test(page);
    });
    const latin = [...new Set(page.match(/[A-Za-z][\w.-]*/g) || [])];
    return { found, latin, messages: strings.length, chars: page.length };
  });
}

/// Elements of the page whose content is wider or taller than their box (text cut or spilling).
async function overflowing(page) {
  return page.evaluate(() => {
    const out = [];
    const boxes = ['#bar', '#panel', '.legend', '.planner-legend', '.leaflet-control-layers',
      '#panel table.teams', '#views'];
    for (const selector of boxes) {
      for (const element of document.querySelectorAll(selector)) {
        if (element.offsetParent === null && selector !== '#bar') continue;  // hidden
        if (element.scrollWidth > element.clientWidth + 1) {
          out.push(`${selector} ${element.scrollWidth} > ${element.clientWidth} wide`);
        }
      }
    }
    // The bar keeps one line: its children on one baseline, none pushed below.
    const bar = document.getElementById('bar');
    const top = bar.getBoundingClientRect().top;
    for (const child of bar.children) {
      const box = child.getBoundingClientRect();
      if (box.height && box.top - top > 20) out.push(`#bar > #${child.id} wraps to a second line`);
    }
    // The legends inside the map.
    const map = document.getElementById('map').getBoundingClientRect();
    for (const element of document.querySelectorAll('.legend, .leaflet-control-layers')) {
      if (element.offsetParent === null) continue;
      const box = element.getBoundingClientRect();
      if (box.top < map.top || box.bottom > map.bottom || box.left < map.left ||
        box.right > map.right) out.push(`${element.className} leaves the map`);
    }
    return out;
  });
}

// Latin words a Chinese page may show: the product's and the map library's names, the user's, the
// ids of the data (added once the service has listed them).
const allowedLatin = new Set(['muster', 'Leaflet', 'dana']);

/// Checks the labels and the layout of the page in the state `what`.
async function checkChinese(page, what) {
  const english = await englishShown(page);
  check(english.found.length === 0 && english.chars > 0,
    `${what}: no English message of ${english.messages} in ${english.chars} characters ` +
    `${JSON.stringify(english.found)}`);
  const foreign = english.latin.filter((word) => !allowedLatin.has(word));
  check(foreign.length === 0,
    `${what}: no Latin word but names and ids ${JSON.stringify(foreign)}`);
  const spilled = await overflowing(page);
  check(spilled.length === 0, `${what}: nothing overflows ${JSON.stringify(spilled)}`);
}

/// Opens the popup of the first facility marker of `kind` (shelters, hospitals, depots), the
/// tooltip of the first team ('team') or the popup of the first township ('township').
async function openFirst(page, kind) {
  await page.evaluate((kind) => {
    const layers = [];
    window.muster.map.eachLayer((layer) => layers.push(layer));
    const matches = (l) => (kind === 'team' ? l.options.pane === 'teams' && l.getTooltip()
      : kind === 'township' ? l.options.pane === 'townships' && l.getPopup()
        : l.options.facility && l.options.facility.kind === kind);
    const layer = layers.find(matches);
    window.muster.map.closePopup();
    if (kind === 'team') layer.openTooltip();
    else layer.openPopup();
  }, kind);
}

await runBrowserTest('nanjing.mjs', tally, args, async ({ base, browser, tokens }) => {
  const { page, problems, context } = await openConsole(browser, base, 'zh-CN');
  const state = await page.evaluate(() => window.musterConsole);
  check(state.lang === 'zh', `Chinese labels for zh-CN (${state.lang})`);

  // Every layer, as the service lists it.
  const [teams, shelters, hospitals, depots, hazards] = await Promise.all(
    ['/teams', '/shelters', '/hospitals', '/depots', '/hazards'].map((p) => getJson(base, p)));
  for (const [kind, list] of [['teams', teams.teams], ['shelters', shelters.shelters],
    ['hospitals', hospitals.hospitals], ['depots', depots.depots]]) {
    check(state.counts[kind] === list.length && list.length > 0,
      `${kind} markers ${state.counts[kind]} = GET /${kind} ${list.length}`);
  }
  check(state.counts.hazards === hazards.features.length && hazards.features.length > 0,
    `hazard zones ${state.counts.hazards} = GET /hazards ${hazards.features.length}`);
  const roads = await getJson(base, state.roads.url);
  check(state.roads.drawn > 0 && state.roads.drawn === roads.features.length,
    `road pieces drawn ${state.roads.drawn} = GET ${state.roads.url} ${roads.features.length}`);
  // The county's road classes (CJJ 37-2012's words) drawn as their OSM classes: 快速路 trunk (1),
  // 主干道 primary (2), 次干道 secondary (3), 支路 residential (6).
  const RANKS = { 城市快速路: 1, 城市主干道: 2, 次干道: 3, 支路: 6 };
  const misranked = roads.features.filter((f) => RANKS[f.properties.class] !== f.properties.rank);
  const classes = [...new Set(roads.features.map((f) => f.properties.class))];
  check(misranked.length === 0 && classes.length > 1,
    `the roads' classes ${classes} rank as their OSM classes (${misranked.length} not)`);
  // Zoomed out (below 12) the page asks only tertiary and up: the main roads stay drawn.
  const view = await page.evaluate(() => {
    const map = window.muster.map;
    const { lat, lng } = map.getCenter();
    return { centre: [lat, lng], zoom: map.getZoom(), loads: window.musterConsole.roads.loads };
  });
  const reload = (before) => page.waitForFunction((b) => window.musterConsole.roads.loads > b &&
    !window.musterConsole.roads.loading, before, { timeout: 30000 });
  await page.evaluate(() => {
    window.muster.map.setZoom(11, { animate: false });
  });
  await reload(view.loads);
  const far = await page.evaluate(() => window.musterConsole.roads);
  const farRoads = await getJson(base, far.url);
  check(/min_class=tertiary/.test(far.url) && far.drawn > 0 &&
    far.drawn === farRoads.features.length &&
    farRoads.features.every((f) => f.properties.rank <= 4),
  `zoomed out, ${far.drawn} main road pieces drawn = GET ${far.url}`);
  await page.evaluate(({ centre, zoom }) => {
    window.muster.map.setView(centre, zoom, { animate: false });
  }, view);
  await reload(view.loads + 1);
  for (const item of [...teams.teams, ...shelters.shelters, ...hospitals.hospitals,
    ...depots.depots]) allowedLatin.add(item.id);
  for (const zone of hazards.features) allowedLatin.add(zone.properties.id);
  check(state.errors.length === 0, `no load errors in the page ${JSON.stringify(state.errors)}`);
  // The view fits the county: every marker inside the map.
  const places = [...teams.teams, ...shelters.shelters, ...hospitals.hospitals,
    ...depots.depots].map((item) => item.location);
  const outside = await page.evaluate((places) => {
    const box = document.getElementById('map').getBoundingClientRect();
    return places.filter(([lon, lat]) => {
      const p = window.musterConsole.pixelOf(lon, lat);
      return p.x < box.left || p.x > box.right || p.y < box.top || p.y > box.bottom;
    });
  }, places);
  check(outside.length === 0, `all ${places.length} markers inside the map's view ` +
    `${JSON.stringify(outside)}`);
  await page.screenshot({ path: join(artifacts, 'nanjing-1-map.png') });
  await checkChinese(page, 'the map before login');
  const opened = { shelters: 'a shelter\'s popup', hospitals: 'a hospital\'s popup',
    depots: 'a depot\'s popup', team: 'a team\'s tooltip' };
  for (const [kind, what] of Object.entries(opened)) {
    await openFirst(page, kind);
    await checkChinese(page, what);
  }
  await page.evaluate(() => {
    window.muster.map.closePopup();
    window.muster.map.eachLayer((layer) => layer.closeTooltip && layer.closeTooltip());
  });

  // The ambulances: 救护车 in teams.csv (UTF-8) are what the service stores as "ambulance".
  const csv = new TextDecoder('utf-8').decode(readFileSync(join(samples, 'teams.csv')));
  const [header, ...rows] = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    .map((line) => line.split(','));
  const kindColumn = header.indexOf('队伍类型');
  const fileAmbulances = rows.filter((r) => r[kindColumn] === '救护车').map((r) => r[0]).sort();
  const stored = teams.teams.filter((t) => t.kind === 'ambulance').map((t) => t.id).sort();
  check(fileAmbulances.length > 3 && JSON.stringify(stored) === JSON.stringify(fileAmbulances),
    `teams.csv's ${fileAmbulances.length} 救护车 are GET /teams' ${stored.length} ambulances`);

  // The dispatcher logs in: the panel in Chinese.
  await page.fill('#token-input', tokens.dana);
  await page.click('#login button[type=submit]');
  await page.waitForFunction(() => window.musterConsole.dispatch.role === 'dispatcher', null,
    { timeout: 10000 });
  check(await page.locator('#panel').isVisible() &&
    /dana（调度员）/.test(await page.textContent('#session')),
  'the dispatcher is named in Chinese');
  await checkChinese(page, 'the dispatcher\'s panel');

  // A click on a main road point: the nearest ambulances, as GET /nearest with kind=救护车.
  const { listed } = await clickRoadForNearest(page, base, check);
  const [lon, lat] = listed.incident.at;
  const direct = await getJson(base,
    `/nearest?at=${lon},${lat}&kind=${encodeURIComponent('救护车')}&k=3`);
  const ids = (list) => list.map((t) => t.id).join(',');
  check(direct.results.length === 3 && ids(listed.teams) === ids(direct.results) &&
    direct.results.every((r) => stored.includes(r.id)),
  `listed teams ${ids(listed.teams)} = GET /nearest kind=救护车 ${ids(direct.results)}`);
  check(listed.teams.every((t, i) => t.duration_s === direct.results[i].duration_s &&
    t.distance_m === direct.results[i].distance_m) && listed.routes_drawn === 3,
  `ETAs ${listed.teams.map((t) => t.duration_s)} s, distances = GET /nearest's; 3 routes drawn`);
  const table = await page.$$eval('#nearest tbody tr', (trs) => trs.map((tr) =>
    [...tr.querySelectorAll('td')].slice(1, 3).map((td) => td.textContent.trim())));
  const shown = direct.results.map((r) => [`${(r.duration_s / 60).toFixed(1)} 分钟`,
    `${(r.distance_m / 1000).toFixed(2)} 公里`]);
  check(JSON.stringify(table) === JSON.stringify(shown),
    `the table shows ${JSON.stringify(shown)}`);
  await page.screenshot({ path: join(artifacts, 'nanjing-2-nearest.png') });
  await checkChinese(page, 'the nearest ambulances listed');

  // The dispatcher's incident and routes on the map: its marker, and the paths of the first
  // route's colour (console/dispatch.js's ROUTE_FIRST).
  const incidentShown = () => page.evaluate(() => ({
    markers: document.querySelectorAll('.mk-incident').length,
    firstRoutes: document.querySelectorAll('path[stroke="#0072b2"]').length,
  }));
  const beforePlanner = await incidentShown();
  check(beforePlanner.markers === 1 && beforePlanner.firstRoutes === 1,
    `the incident and its first route are on the dispatcher's map ${JSON.stringify(beforePlanner)}`);

  // The planner's view: the choropleth's figures are /coverage's, township by township.
  await page.click('#views button[data-view="planner"]');
  await page.waitForFunction(() => window.musterConsole.planner.loads > 0 &&
    !window.musterConsole.planner.loading, null, { timeout: 120000 });
  const planner = await page.evaluate(() => window.musterConsole.planner);
  check(planner.error === null && planner.view === 'planner',
    `the planner's view is drawn (${planner.error})`);
  const coverage = await getJson(base, '/coverage');
  const wrong = coverage.by_township.filter((t) => {
    const s = planner.townships[t.id];
    const share = t.population > 0 ? t.covered / t.population : null;
    return !s || s.population !== t.population || s.covered !== t.covered || s.share !== share;
  });
  check(coverage.by_township.length > 0 && wrong.length === 0 &&
    Object.keys(planner.townships).length === coverage.by_township.length,
  `the ${Object.keys(planner.townships).length} townships' figures equal GET /coverage's ` +
    `by_township (${coverage.by_township.length}; differing: ${ids(wrong)})`);
  const townships = await getJson(base, '/townships');
  check(planner.townships_drawn === townships.features.length,
    `township shapes drawn ${planner.townships_drawn} = GET /townships' ` +
    `${townships.features.length}`);
  await page.waitForFunction(() => !window.musterConsole.roads.loading, null, { timeout: 30000 });
  const bar = await page.evaluate(() => ({
    pressed: document.querySelector('#views button[aria-pressed="true"]').dataset.view,
    status: document.getElementById('status').textContent,
    roadLoads: window.musterConsole.roads.loads,
  }));
  check(bar.pressed === 'planner' && bar.status === planner.summary,
    `the bar shows the planner's view and summary ${JSON.stringify(bar)}`);
  await page.screenshot({ path: join(artifacts, 'nanjing-3-planner.png') });
  const inPlanner = await incidentShown();
  check(inPlanner.markers === 0 && inPlanner.firstRoutes === 0,
    `the dispatcher's incident and routes leave the map in the planner's view ` +
    JSON.stringify(inPlanner));
  await checkChinese(page, 'the planner\'s view');
  await openFirst(page, 'township');
  await checkChinese(page, 'a township\'s popup');
  await page.screenshot({ path: join(artifacts, 'nanjing-4-township.png') });

  // A hospital's service area: its popup's button, the bands GET /isochrone's.
  await openFirst(page, 'hospitals');
  const hospitalId = await page.getAttribute('.leaflet-popup .service-area-button', 'data-at');
  const area = await showServiceArea(page);
  const isochrone = await getJson(base,
    `/isochrone?at=${encodeURIComponent(hospitalId)}&minutes=5,10,15`);
  check(area.at === hospitalId && isochrone.bands.length === 3 &&
    area.bands_drawn === isochrone.bands.length &&
    JSON.stringify(area.minutes) === JSON.stringify(isochrone.bands.map((b) => b.minutes)),
  `${area.at}: ${area.bands_drawn} bands drawn = GET /isochrone's ${isochrone.bands.length}`);
  await page.waitForFunction(() => !window.musterConsole.roads.loading, null, { timeout: 30000 });
  await page.screenshot({ path: join(artifacts, 'nanjing-5-service-area.png') });
  await checkChinese(page, 'a hospital\'s service area');

  // Back to the dispatcher's view: the map's summary in the bar again.
  await page.click('#views button[data-view="dispatcher"]');
  await page.waitForFunction(() => !window.musterConsole.roads.loading, null, { timeout: 30000 });
  const counts = await page.evaluate(() => ({ ...window.musterConsole.counts,
    roads: window.musterConsole.roads.drawn }));
  const summary = `队伍 ${counts.teams} · 避难场所 ${counts.shelters} · 医院 ${counts.hospitals} · ` +
    `储备库 ${counts.depots} · 视图内道路 ${counts.roads} 段`;
  const back = await page.textContent('#status');
  check(back === summary, `the dispatcher's view shows the map's summary again: ${back}`);
  const backAgain = await incidentShown();
  check(backAgain.markers === 1 && backAgain.firstRoutes === 1,
    `the incident and its first route come back with the dispatcher's view ` +
    JSON.stringify(backAgain));
  check(problems.length === 0, `no browser errors ${JSON.stringify(problems)}`);
  await context.close();
  console.log(`screenshots: ${join(artifacts, 'nanjing-*.png')}`);
}, [['dana', 'dispatcher']], 'nanjing');
