// The planner's view in a real browser, as a planner would use it: the Malta sample (with its
// townships) in a fresh database, `muster serve`, the console in Debian's chromium at 1366×768.
// The planner switches to the planner's view: every township's figures in the choropleth must
// equal GET /coverage's by_township (population, covered, their share), as many township shapes
// must be drawn as GET /townships lists, and each shelter's utilisation must equal /coverage's.
// The planner opens a hospital's popup and asks its service area: the bands drawn must be GET
// /isochrone?at=hospital:ID&minutes=5,10,15's, in number and minutes. The uncovered cells drawn
// must be GET /coverage?cells=uncovered's, in number and people. "Relief flows" must draw POST
// /allocate's shipments for the people /coverage assigned to each shelter, asked here of the
// service independently: as many lines, item by item, as shipments, each line's quantity its
// shipment's, each shelter's ring its lowest fill rate, each item short of its demand marked in
// the panel's table. A planner logs in, gets the panel of zones alone (in the planner's view too)
// and draws a closed zone over the busiest shelter by clicks on the map: the planner's view is
// computed again under the new zones, its cells and flows those the service now answers; lifted
// from the panel, the view comes back. Back in
// the dispatcher's view the planner's layers are gone. Opened again in Chinese, the legend's
// labels switch. No browser error. Screenshots: ARTIFACTS_DIR/planner-*.png.
//
// Usage: node planner.mjs MUSTER_BINARY SAMPLES_DIR ARTIFACTS_DIR

import { join } from 'node:path';
import { testArguments, checker, getJson, openConsole, runBrowserTest, showServiceArea }
  from './support.mjs';

const args = testArguments('planner.mjs');
const { artifacts } = args;
const tally = checker();
const { check } = tally;

/// POST `path` with a JSON body (and a token, if given) as JSON; throws for an answer not 2xx.
async function postJson(base, path, body, token = null) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(base + path, { method: 'POST', headers,
    body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/// POST /allocate for the people a GET /coverage answer assigned to each shelter, as the
/// planner's relief flows ask it.
const allocateFor = (base, coverage) => postJson(base, '/allocate', { to: 'shelters', days: 3,
  persons: coverage.shelters.filter((s) => s.assigned > 0)
    .map((s) => ({ destination: s.id, persons: s.assigned })) });

/// The uncovered cells of GET /coverage?cells=uncovered: how many, how many people.
async function uncoveredCells(base) {
  const answer = await getJson(base, '/coverage?cells=uncovered');
  const features = answer.uncovered_cells.features;
  return { answer, count: features.length,
    people: features.reduce((sum, f) => sum + f.properties.population, 0) };
}

/// The page's uncovered cells: as its state counts them, and the paths in their pane.
const cellsShown = (page) => page.evaluate(() => ({
  ...window.musterConsole.planner.cells,
  paths: document.querySelectorAll('.leaflet-cells-pane path').length,
}));

/// The flow lines the page draws, item by item (chosen in the panel's list): { item: lines }.
async function flowLinesByItem(page, items) {
  const out = {};
  for (const item of items) {
    await page.selectOption('#flows-item', item);
    out[item] = await page.evaluate(() => window.musterConsole.planner.flows.lines);
  }
  return out;
}

/// Compares the page's relief flows with an /allocate answer; `label` says under which zones.
async function checkFlows(page, allocation, label) {
  const items = allocation.items.map((i) => i.item);
  const drawn = await flowLinesByItem(page, items);
  const total = Object.values(drawn).reduce((sum, lines) => sum + lines.length, 0);
  const byItem = items.filter((item) => drawn[item].length !==
    allocation.shipments.filter((s) => s.item === item).length);
  check(allocation.shipments.length > 0 && total === allocation.shipments.length &&
    byItem.length === 0, `${label}: ${total} flow lines drawn = POST /allocate's ` +
    `${allocation.shipments.length} shipments (items differing: ${byItem.join(', ')})`);
  // One line: the largest shipment of the first item short of its demand (or of the first).
  const short = allocation.items.find((i) => i.delivered < i.demand) || allocation.items[0];
  const line = drawn[short.item].reduce((a, b) => (b.quantity > a.quantity ? b : a));
  const shipment = allocation.shipments.find((s) => s.item === short.item &&
    s.depot === line.depot && s.destination === line.destination);
  check(shipment && shipment.quantity === line.quantity,
    `${label}: the line ${line.depot} → ${line.destination} carries ${line.quantity} ` +
    `${short.unit} of ${short.item}, as its shipment (${shipment && shipment.quantity})`);
  return { short, drawn };
}

/// Clicks the view switch's button and, for the planner's view, waits until it has drawn.
async function switchTo(page, view) {
  await page.click(`#views button[data-view="${view}"]`);
  if (view === 'planner') {
    await page.waitForFunction(() => window.musterConsole.planner.loads > 0 &&
      !window.musterConsole.planner.loading, null, { timeout: 120000 });
  }
}

await runBrowserTest('planner.mjs', tally, args, async ({ base, browser, tokens }) => {

  const { page, problems, context } = await openConsole(browser, base, 'en-US');
  await switchTo(page, 'planner');
  const planner = await page.evaluate(() => window.musterConsole.planner);
  check(planner.error === null && planner.view === 'planner',
    `the planner's view is drawn (${planner.error})`);
  check(await page.getAttribute('#views button[data-view="planner"]', 'aria-pressed') === 'true',
    'the switch shows the planner\'s view pressed');

  // The choropleth's figures are /coverage's, township by township.
  const coverage = await getJson(base, '/coverage');
  const shown = planner.townships;
  const wrong = coverage.by_township.filter((t) => {
    const s = shown[t.id];
    const share = t.population > 0 ? t.covered / t.population : null;
    return !s || s.population !== t.population || s.covered !== t.covered || s.share !== share;
  });
  check(coverage.by_township.length > 0 && wrong.length === 0 &&
    Object.keys(shown).length === coverage.by_township.length,
  `the ${Object.keys(shown).length} townships' figures equal GET /coverage's by_township ` +
    `(${coverage.by_township.length}; differing: ${wrong.map((t) => t.id).join(', ')})`);
  // Coverage differs across townships, so the classes must too (not one colour for all).
  const colours = new Set(Object.values(shown).map((s) => s.colour));
  check(colours.size > 1, `the townships take ${colours.size} colour classes`);

  // As many township shapes as /townships lists, on the page's own map.
  const townships = await getJson(base, '/townships');
  const paths = await page.$$eval('.leaflet-townships-pane path', (ps) => ps.length);
  check(townships.features.length > 0 && planner.townships_drawn === townships.features.length &&
    paths === townships.features.length,
  `township shapes drawn ${planner.townships_drawn} (${paths} paths) = GET /townships' ` +
    `${townships.features.length}`);

  // Each shelter's utilisation is /coverage's.
  const shelters = coverage.shelters.filter((s) => {
    const p = planner.shelters[s.id];
    return !p || p.utilisation !== s.utilisation || p.assigned !== s.assigned;
  });
  check(coverage.shelters.length > 0 && shelters.length === 0 &&
    Object.keys(planner.shelters).length === coverage.shelters.length,
  `the ${coverage.shelters.length} shelters' utilisation equals GET /coverage's`);
  const legend = await page.textContent('.planner-legend');
  check(/Shelter coverage/.test(legend) && /Shelter utilisation/.test(legend) &&
    await page.locator('.legend:not(.planner-legend)').isHidden(),
  'the planner\'s legend replaces the dispatcher\'s');
  await page.screenshot({ path: join(artifacts, 'planner-1-coverage.png') });

  // The uncovered cells: GET /coverage?cells=uncovered's, in number and people, and they hold
  // the answer's uncovered people.
  const cells = await uncoveredCells(base);
  const drawnCells = await cellsShown(page);
  check(cells.count > 0 && drawnCells.drawn === cells.count && drawnCells.paths === cells.count &&
    drawnCells.population === cells.people && cells.people === cells.answer.uncovered,
  `uncovered cells drawn ${drawnCells.drawn} (${drawnCells.paths} paths), ` +
    `${drawnCells.population} people = GET /coverage?cells=uncovered's ${cells.count}, ` +
    `${cells.people} (uncovered ${cells.answer.uncovered})`);
  check(new RegExp(`${cells.count} uncovered cells, ${cells.people} people`)
    .test(await page.textContent('.planner-legend')), 'the legend counts the uncovered cells');
  const firstCell = cells.answer.uncovered_cells.features[0];
  const [[cornerLon, cornerLat], [farLon, farLat]] = [firstCell.geometry.coordinates[0][0],
    firstCell.geometry.coordinates[0][2]];
  await page.evaluate(([lat, lon]) => window.muster.map.setView([lat, lon], 14,
    { animate: false }), [(cornerLat + farLat) / 2, (cornerLon + farLon) / 2]);
  await page.waitForFunction(() => !window.musterConsole.roads.loading, null, { timeout: 30000 });
  await page.screenshot({ path: join(artifacts, 'planner-4-uncovered-cells.png') });

  // Relief flows for the people coverage assigned, asked of the service here independently.
  await page.click('#flows-toggle');
  await page.waitForFunction(() => {
    const f = window.musterConsole.planner.flows;
    return f.loads > 0 && !f.loading;
  }, null, { timeout: 120000 });
  const flows = await page.evaluate(() => window.musterConsole.planner.flows);
  check(flows.error === null, `relief flows drawn (${flows.error})`);
  const allocation = await allocateFor(base, coverage);
  const { short } = await checkFlows(page, allocation, 'relief flows');
  // Each shelter with a demand: its ring's fill rate, the lowest of its items.
  const served = allocation.destinations.filter((d) =>
    Object.values(d.fill).some((f) => f.demand > 0));
  const rings = await page.evaluate(() => window.musterConsole.planner.flows.shelters);
  const ringsWrong = served.filter((d) => !rings[d.id] || rings[d.id].fill_rate !==
    Math.min(...Object.values(d.fill).filter((f) => f.demand > 0).map((f) => f.fill_rate)));
  check(served.length > 0 && Object.keys(rings).length === served.length &&
    ringsWrong.length === 0, `${served.length} shelters ringed by their lowest fill rate ` +
    `(differing: ${ringsWrong.map((d) => d.id).join(', ')})`);
  const unmet = allocation.items.filter((i) => i.delivered < i.demand).map((i) => i.item);
  const marked = await page.$$eval('.flows-items tr.unmet td:first-child',
    (tds) => tds.map((td) => td.textContent));
  check(JSON.stringify(marked) === JSON.stringify(unmet),
    `items short of their demand marked in the panel: ${marked} (POST /allocate: ${unmet})`);
  await page.selectOption('#flows-item', short.item);
  await page.evaluate(() => {
    window.muster.map.setView([35.9, 14.43], 11, { animate: false });
  });
  await page.waitForFunction(() => !window.musterConsole.roads.loading, null, { timeout: 30000 });
  await page.screenshot({ path: join(artifacts, 'planner-5-relief-flows.png') });

  // A planner closes a zone over the busiest shelter: coverage, cells and flows follow it.
  const trace = [];
  page.on('request', (r) => { if (!r.url().includes('/roads')) trace.push('req ' + r.url()); });
  page.on('requestfinished', (r) => {
    if (!r.url().includes('/roads')) trace.push('done ' + r.url());
  });
  const busiest = coverage.shelters.reduce((a, b) => (b.assigned > a.assigned ? b : a));
  const [blon, blat] = (await getJson(base, `/shelters/${encodeURIComponent(busiest.id)}`))
    .location;
  // The planner logs in: the panel of zones alone, in the planner's view too.
  await page.fill('#token-input', tokens.pat);
  await page.click('#login button[type=submit]');
  await page.waitForFunction(() => window.musterConsole.dispatch.role === 'planner' &&
    document.getElementById('zone-draw') !== null, null, { timeout: 10000 });
  const panel = await page.evaluate(() => ({
    shown: document.getElementById('panel').getBoundingClientRect().width > 0,
    sections: [...document.querySelectorAll('#panel details')].map((e) => e.id),
  }));
  check(panel.shown && JSON.stringify(panel.sections) === '["zones"]',
    `a planner's panel shows the zones alone in the planner's view ${JSON.stringify(panel)}`);
  // A square of ±0.002° around the shelter, drawn by clicks over the choropleth and the
  // shelter's own marker (they let a corner's click through), a double-click on the last.
  await page.evaluate(([lat, lon]) => window.muster.map.setView([lat, lon], 15,
    { animate: false }), [blat, blon]);
  await page.waitForFunction(() => !window.musterConsole.roads.loading, null, { timeout: 30000 });
  const d = 0.002;
  const corners = await page.evaluate((points) => points.map(([lon, lat]) =>
    window.musterConsole.pixelOf(lon, lat)), [[blon - d, blat - d], [blon + d, blat - d],
    [blon + d, blat + d], [blon - d, blat + d]]);
  await page.click('#zone-draw');
  for (const corner of corners.slice(0, 3)) {
    await page.mouse.click(corner.x, corner.y);
    await page.waitForTimeout(350);  // apart, so that two clicks are not a double-click
  }
  await page.mouse.dblclick(corners[3].x, corners[3].y);
  await page.waitForFunction(() => window.musterConsole.zones.posted.length === 1 ||
    window.musterConsole.zones.error !== null, null, { timeout: 30000 });
  const drawn = await page.evaluate(() => window.musterConsole.zones);
  check(drawn.error === null && drawn.posted.length === 1,
    `the planner's zone is posted: ${drawn.message}`);
  const posted = { id: drawn.posted[0].id, hazards: { version: drawn.posted[0].version } };
  await page.waitForFunction((v) => {
    const p = window.musterConsole.planner;
    return p.hazards === v && !p.loading && p.flows.hazards === v && !p.flows.loading;
  }, posted.hazards.version, { timeout: 60000 }).catch(async (error) => {
    console.error(`waiting for hazard version ${posted.hazards.version}: ` + JSON.stringify(
      await page.evaluate(() => {
        const { planner, zones, live } = window.musterConsole;
        return { hazards: planner.hazards, loading: planner.loading, loads: planner.loads,
          error: planner.error, flows: { hazards: planner.flows.hazards,
            loading: planner.flows.loading, error: planner.flows.error },
          zones: zones && zones.version, zones_error: zones && zones.error, live };
      })) + ` ${JSON.stringify(problems)} ${trace.join('\n')}`);
    throw error;
  });
  const closedCells = await uncoveredCells(base);
  const closedCellsShown = await cellsShown(page);
  check(closedCells.answer.hazards.version === posted.hazards.version &&
    closedCells.answer.closed_shelters.some((s) => s.id === busiest.id),
  `the zone closes shelter ${busiest.id} (hazard version ${posted.hazards.version})`);
  check(closedCellsShown.drawn === closedCells.count &&
    closedCellsShown.paths === closedCells.count &&
    closedCellsShown.population === closedCells.people,
  `under the zone: uncovered cells drawn ${closedCellsShown.drawn}, ` +
    `${closedCellsShown.population} people = GET /coverage?cells=uncovered's ` +
    `${closedCells.count}, ${closedCells.people} (before: ${cells.count}, ${cells.people})`);
  const closedPlanner = await page.evaluate(() => window.musterConsole.planner);
  check(!(busiest.id in closedPlanner.shelters) && !(busiest.id in closedPlanner.flows.shelters),
    `the closed shelter ${busiest.id} leaves utilisation and flows`);
  await checkFlows(page, await allocateFor(base, closedCells.answer), 'under the zone');
  await page.screenshot({ path: join(artifacts, 'planner-6-zone-closed.png') });
  // Lifted from the panel's list: the planner's view comes back to the zones before it.
  await page.click(`.lift-button[data-zone="${posted.id}"]`);
  await page.waitForFunction(() => window.musterConsole.zones.lifted.length === 1 ||
    window.musterConsole.zones.error !== null, null, { timeout: 30000 });
  const lifted = await page.evaluate(() => window.musterConsole.zones);
  check(lifted.error === null && lifted.lifted[0].id === posted.id,
    `the zone lifted from the panel (${lifted.message})`);
  await page.waitForFunction((v) => window.musterConsole.planner.hazards > v &&
    !window.musterConsole.planner.loading, posted.hazards.version, { timeout: 120000 });
  await page.click('#flows-toggle');

  // A hospital's service area: its popup, then "Service area".
  const hospital = (await getJson(base, '/hospitals')).hospitals[0];
  const [lon, lat] = hospital.location;
  await page.evaluate(([lat, lon]) => window.muster.map.setView([lat, lon], 14,
    { animate: false }), [lat, lon]);
  const pixel = await page.evaluate(([lon, lat]) => window.musterConsole.pixelOf(lon, lat),
    [lon, lat]);
  await page.mouse.click(pixel.x, pixel.y);
  const area = await showServiceArea(page);
  const direct = await getJson(base,
    `/isochrone?at=${encodeURIComponent('hospital:' + hospital.id)}&minutes=5,10,15`);
  const bandPaths = await page.$$eval('.leaflet-bands-pane path', (ps) => ps.length);
  check(area.at === `hospital:${hospital.id}` && area.bands_drawn === direct.bands.length &&
    bandPaths === direct.bands.length,
  `${area.at}: ${area.bands_drawn} bands drawn (${bandPaths} paths) = GET /isochrone's ` +
    `${direct.bands.length}`);
  check(JSON.stringify(area.minutes) === JSON.stringify(direct.bands.map((b) => b.minutes)) &&
    JSON.stringify(area.minutes) === '[5,10,15]', `the bands' minutes ${area.minutes}`);
  check(/Service area/.test(await page.textContent('.planner-legend')),
    'the legend shows the service area\'s bands');
  await page.waitForFunction(() => !window.musterConsole.roads.loading, null, { timeout: 30000 });
  await page.screenshot({ path: join(artifacts, 'planner-2-service-area.png') });

  // Back to the dispatcher's view: the planner's layers leave, the markers return.
  await switchTo(page, 'dispatcher');
  const back = await page.evaluate(() => ({
    townships: document.querySelectorAll('.leaflet-townships-pane path').length,
    legend: document.querySelectorAll('.planner-legend').length,
    cells: document.querySelectorAll('.leaflet-cells-pane path').length,
    flows: document.querySelectorAll('.leaflet-flows-pane path').length,
    teams: window.muster.map.hasLayer(window.muster.layers.teams),
  }));
  check(back.townships === 0 && back.legend === 0 && back.cells === 0 && back.flows === 0 &&
    back.teams,
    `the dispatcher's view again ${JSON.stringify(back)}`);
  check(problems.length === 0, `no browser errors ${JSON.stringify(problems)}`);
  await context.close();

  // In Chinese.
  const zh = await openConsole(browser, base, 'zh-CN');
  await switchTo(zh.page, 'planner');
  const zhLegend = await zh.page.textContent('.planner-legend');
  check(/避难场所覆盖率/.test(zhLegend) &&
    await zh.page.textContent('#views button[data-view="planner"]') === '规划',
  'the planner\'s view in Chinese');
  await zh.page.screenshot({ path: join(artifacts, 'planner-3-zh.png') });
  check(zh.problems.length === 0, `no browser errors in Chinese ${JSON.stringify(zh.problems)}`);
  await zh.context.close();
  console.log(`screenshots: ${join(artifacts, 'planner-*.png')}`);
}, [['pat', 'planner']]);
