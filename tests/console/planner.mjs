// The planner's view in a real browser, as a planner would use it: the Malta sample (with its
// townships) in a fresh database, `muster serve`, the console in Debian's chromium at 1366×768.
// The planner switches to the planner's view: every township's figures in the choropleth must
// equal GET /coverage's by_township (population, covered, their share), as many township shapes
// must be drawn as GET /townships lists, and each shelter's utilisation must equal /coverage's.
// The planner opens a hospital's popup and asks its service area: the bands drawn must be GET
// /isochrone?at=hospital:ID&minutes=5,10,15's, in number and minutes. Back in the dispatcher's
// view the planner's layers are gone. Opened again in Chinese, the legend's labels switch. No
// browser error. Screenshots: ARTIFACTS_DIR/planner-*.png.
//
// Usage: node planner.mjs MUSTER_BINARY SAMPLES_DIR ARTIFACTS_DIR

import { join } from 'node:path';
import { testArguments, checker, getJson, openConsole, runBrowserTest }
  from './support.mjs';

const args = testArguments('planner.mjs');
const { artifacts } = args;
const tally = checker();
const { check } = tally;

/// Clicks the view switch's button and, for the planner's view, waits until it has drawn.
async function switchTo(page, view) {
  await page.click(`#views button[data-view="${view}"]`);
  if (view === 'planner') {
    await page.waitForFunction(() => window.musterConsole.planner.loads > 0 &&
      !window.musterConsole.planner.loading, null, { timeout: 120000 });
  }
}

await runBrowserTest('planner.mjs', tally, args, async ({ base, browser }) => {

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

  // A hospital's service area: its popup, then "Service area".
  const hospital = (await getJson(base, '/hospitals')).hospitals[0];
  const [lon, lat] = hospital.location;
  await page.evaluate(([lat, lon]) => window.muster.map.setView([lat, lon], 14,
    { animate: false }), [lat, lon]);
  const pixel = await page.evaluate(([lon, lat]) => window.musterConsole.pixelOf(lon, lat),
    [lon, lat]);
  await page.mouse.click(pixel.x, pixel.y);
  await page.waitForSelector('.leaflet-popup .service-area-button', { timeout: 10000 });
  await page.click('.leaflet-popup .service-area-button');
  await page.waitForFunction(() => {
    const area = window.musterConsole.planner.service_area;
    return area && !area.loading;
  }, null, { timeout: 60000 });
  const area = await page.evaluate(() => window.musterConsole.planner.service_area);
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
    teams: window.muster.map.hasLayer(window.muster.layers.teams),
  }));
  check(back.townships === 0 && back.legend === 0 && back.teams,
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
});
