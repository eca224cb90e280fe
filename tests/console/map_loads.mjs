// The console's map loads in a real browser with every layer, as a person would open it: the
// Malta sample imported into a fresh database, `muster serve` on a free port, the page opened in
// Debian's chromium (headless, driven by playwright-core; no browser is downloaded) at 1366×768.
// Checked against the service's own answers: as many team, shelter, hospital and depot markers
// as GET /teams, /shelters, /hospitals, /depots list, as many hazard zones as GET /hazards, and
// the road pieces drawn are those GET /map/roads answers for the map's box (more than none); no
// error in the browser's console, no uncaught exception, no failed request. The page's counts
// come from its window.musterConsole (console/console.js). The screenshots are saved as the
// test's artefacts; the page is opened again in Chinese to check its labels switch.
//
// Usage: node map_loads.mjs MUSTER_BINARY SAMPLES_DIR ARTIFACTS_DIR

import { join } from 'node:path';
import { testArguments, checker, getJson, openConsole, runBrowserTest }
  from './support.mjs';

const args = testArguments('map_loads.mjs');
const { artifacts } = args;
const tally = checker();
const { check } = tally;

await runBrowserTest('map_loads.mjs', tally, args, async ({ base, browser }) => {

  const { page, problems, context } = await openConsole(browser, base, 'en-US');
  const state = await page.evaluate(() => window.musterConsole);
  await page.screenshot({ path: join(artifacts, 'map.png') });

  const [teams, shelters, hospitals, depots, hazards] = await Promise.all(
    ['/teams', '/shelters', '/hospitals', '/depots', '/hazards'].map((p) => getJson(base, p)));
  check(state.counts.teams === teams.teams.length && teams.teams.length > 0,
    `team markers ${state.counts.teams} = GET /teams ${teams.teams.length}`);
  check(state.counts.shelters === shelters.shelters.length && shelters.shelters.length > 0,
    `shelter markers ${state.counts.shelters} = GET /shelters ${shelters.shelters.length}`);
  check(state.counts.hospitals === hospitals.hospitals.length && hospitals.hospitals.length > 0,
    `hospital markers ${state.counts.hospitals} = GET /hospitals ${hospitals.hospitals.length}`);
  check(state.counts.depots === depots.depots.length,
    `depot markers ${state.counts.depots} = GET /depots ${depots.depots.length}`);
  check(state.counts.hazards === hazards.features.length,
    `hazard zones ${state.counts.hazards} = GET /hazards ${hazards.features.length}`);

  // The roads: what the page asked for its view, asked again here.
  const roads = await getJson(base, state.roads.url);
  check(state.roads.drawn > 0, `road pieces drawn: ${state.roads.drawn} (${state.roads.url})`);
  check(state.roads.drawn === roads.features.length,
    `road pieces drawn ${state.roads.drawn} = GET ${state.roads.url} ${roads.features.length}`);
  check(state.lang === 'en', `English labels for en-US (${state.lang})`);
  check(state.errors.length === 0, `no load errors in the page ${JSON.stringify(state.errors)}`);
  check(problems.length === 0, `no browser errors ${JSON.stringify(problems)}`);

  // The layer switch turns a layer off and on: its markers leave the map and come back.
  const shown = () => page.evaluate(() =>
    document.querySelectorAll('.leaflet-marker-pane .mk-hospital').length);
  const before = await shown();
  const hospitalsBox = page.locator('.leaflet-control-layers-overlays label', {
    hasText: 'Hospitals' }).locator('input');
  await hospitalsBox.uncheck();
  const hidden = await shown();
  await hospitalsBox.check();
  check(before === hospitals.hospitals.length && hidden === 0 && await shown() === before,
    `the layer switch hides and shows the hospitals (${before} → ${hidden})`);
  await context.close();

  // Chinese where the browser asks for it.
  const zh = await openConsole(browser, base, 'zh-CN');
  const zhState = await zh.page.evaluate(() => ({ lang: window.musterConsole.lang,
    title: document.title, teams: window.musterConsole.counts.teams }));
  await zh.page.screenshot({ path: join(artifacts, 'map-zh.png') });
  check(zhState.lang === 'zh' && /应急/.test(zhState.title) &&
    zhState.teams === teams.teams.length, `Chinese labels for zh-CN (${zhState.title})`);
  check(zh.problems.length === 0, `no browser errors in Chinese ${JSON.stringify(zh.problems)}`);
  await zh.context.close();
  console.log(`screenshots: ${join(artifacts, 'map.png')}, ${join(artifacts, 'map-zh.png')}`);
});
