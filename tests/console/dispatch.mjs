// The dispatcher's view in a real browser, as a dispatcher would use it: the Malta sample in a
// fresh database, `muster serve --tokens` with a dispatcher and a viewer made by `muster token`,
// the console in Debian's chromium at 1366×768. The dispatcher logs in with the form, clicks a
// road point of the map; the teams listed (ids, ETAs, distances, routes) must equal what GET
// /nearest answers directly for the point the page used. "Dispatch" on the first sends it: GET
// /teams/{id} must then say dispatched, and the page's marker of the team must take the
// dispatched colour through the event stream (the page's counter of team events applied). A
// dispatch to a closed incident is refused, and the page shows the service's message. A viewer
// who logs in sees no write control, and a click places nothing. No browser error beyond the one
// refusal asked for. Screenshots: ARTIFACTS_DIR/dispatch-*.png.
//
// Usage: node dispatch.mjs MUSTER_BINARY SAMPLES_DIR ARTIFACTS_DIR

import { join } from 'node:path';
import { testArguments, checker, getJson, clickRoadForNearest, openConsole,
  runBrowserTest }
  from './support.mjs';

const args = testArguments('dispatch.mjs');
const { artifacts } = args;
const tally = checker();
const { check } = tally;
// The dispatched status's colour, as the legend shows it (Okabe and Ito's orange).
const DISPATCHED_FILL = '#e69f00';

/// Logs in with the page's form and waits until the service has named the user's role.
async function logIn(page, token) {
  await page.fill('#token-input', token);
  await page.click('#login button[type=submit]');
  await page.waitForFunction(() => window.musterConsole.dispatch.role !== null, null,
    { timeout: 10000 });
  return page.evaluate(() => window.musterConsole.dispatch.role);
}

await runBrowserTest('dispatch.mjs', tally, args, async ({ base, browser, tokens }) => {
  const { dana: dispatcherToken, vic: viewerToken } = tokens;

  // The dispatcher logs in: the panel opens.
  const { page, problems, context } = await openConsole(browser, base, 'en-US');
  check(await page.locator('.dispatch-button').count() === 0 &&
    await page.locator('#panel').isHidden(), 'before login: no panel, no dispatch button');
  check(await logIn(page, dispatcherToken) === 'dispatcher', 'the dispatcher logs in');
  check(await page.locator('#panel').isVisible() &&
    /dana \(dispatcher\)/.test(await page.textContent('#session')),
  'the dispatcher\'s panel and name are shown');

  // A closer view of the main island, its roads drawn, then a click on a main road.
  const loads = await page.evaluate(() => window.musterConsole.roads.loads);
  await page.evaluate(() => window.muster.map.setView([35.888, 14.47], 13, { animate: false }));
  await page.waitForFunction((before) => window.musterConsole.roads.loads > before &&
    !window.musterConsole.roads.loading, loads, { timeout: 30000 });
  const { point, listed } = await clickRoadForNearest(page, base, check);
  const [lon, lat] = listed.incident.at;

  // The list equals GET /nearest's answer for the same point.
  const direct = await getJson(base, `/nearest?at=${lon},${lat}&kind=ambulance&k=3`);
  const ids = (teams) => teams.map((t) => t.id).join(',');
  check(direct.results.length === 3 && ids(listed.teams) === ids(direct.results),
    `listed teams ${ids(listed.teams)} = GET /nearest ${ids(direct.results)}`);
  check(listed.teams.every((t, i) => t.duration_s === direct.results[i].duration_s &&
    t.distance_m === direct.results[i].distance_m),
  `ETAs ${listed.teams.map((t) => t.duration_s)} s = GET /nearest's ` +
    `${direct.results.map((t) => t.duration_s)}`);
  check(listed.teams.every((t, i) =>
    JSON.stringify(t.geometry) === JSON.stringify(direct.results[i].geometry)) &&
    listed.routes_drawn === 3, `the three routes drawn are GET /nearest's (${listed.routes_drawn})`);
  // What the table shows: minutes to one decimal, kilometres to two.
  const rows = await page.$$eval('#nearest tbody tr', (trs) => trs.map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
  const shown = direct.results.map((r) => [`${(r.duration_s / 60).toFixed(1)} min`,
    `${(r.distance_m / 1000).toFixed(2)} km`]);
  check(JSON.stringify(rows.map((r) => [r[1], r[2]])) === JSON.stringify(shown),
    `the table shows ${JSON.stringify(shown)}`);
  check(await page.locator('.dispatch-button').count() === 3, 'a dispatch button per team');
  await page.screenshot({ path: join(artifacts, 'dispatch-1-nearest.png') });

  // Dispatch the first: the service says dispatched, the stream recolours its marker.
  const first = direct.results[0].id;
  const appliedBefore = await page.evaluate(() => window.musterConsole.live.applied);
  check(await page.evaluate((id) => window.musterConsole.teamFill(id), first) === '#009e73',
    `${first}'s marker shows available before`);
  await page.click(`.dispatch-button[data-team="${first}"]`);
  await page.waitForFunction(() => window.musterConsole.dispatch.sent.length === 1 ||
    window.musterConsole.dispatch.error !== null, null, { timeout: 30000 });
  const sent = await page.evaluate(() => window.musterConsole.dispatch);
  check(sent.error === null && sent.sent[0].team === first, `dispatched ${first}: ${sent.message}`);
  const team = await getJson(base, `/teams/${encodeURIComponent(first)}`);
  check(team.status === 'dispatched', `GET /teams/${first} says ${team.status}`);
  const incident = await getJson(base, `/incidents/${encodeURIComponent(sent.sent[0].incident)}`);
  check(incident.kind === 'medical' && incident.location[0] === lon &&
    incident.location[1] === lat, `the incident recorded: ${incident.kind} at ${incident.location}`);
  await page.waitForFunction(({ id, before, fill }) =>
    window.musterConsole.live.applied > before && window.musterConsole.teamFill(id) === fill,
  { id: first, before: appliedBefore, fill: DISPATCHED_FILL }, { timeout: 10000 });
  const live = await page.evaluate(() => window.musterConsole.live);
  check(live.applied > appliedBefore, `team events applied from the stream: ${live.applied}`);
  check(await page.evaluate((id) => window.musterConsole.teamFill(id), first) === DISPATCHED_FILL,
    `${first}'s marker shows the dispatched colour`);
  await page.screenshot({ path: join(artifacts, 'dispatch-2-sent.png') });

  // A refusal: the incident closed behind the page's back, a second dispatch to it is 409.
  const closed = await fetch(`${base}/incidents/${encodeURIComponent(incident.id)}/close`,
    { method: 'POST', headers: { Authorization: `Bearer ${dispatcherToken}` } });
  check(closed.status === 200, `the incident is closed (${closed.status})`);
  const second = direct.results[1].id;
  await page.click(`.dispatch-button[data-team="${second}"]`);
  await page.waitForFunction(() => window.musterConsole.dispatch.error !== null, null,
    { timeout: 30000 });
  const refusal = await page.evaluate(() => window.musterConsole.dispatch);
  const message = await page.textContent('#dispatch-message');
  check(refusal.error.status === 409 && message.includes(refusal.error.message) &&
    /closed/.test(message), `the refusal is shown: ${message}`);
  check((await getJson(base, `/teams/${encodeURIComponent(second)}`)).status === 'available',
    `${second} stays available`);
  await page.screenshot({ path: join(artifacts, 'dispatch-3-refused.png') });
  // The refusal asked for is the page's one HTTP error (and chromium's console line for it).
  const expected = (p) => /409/.test(p) && (/\/dispatch$/.test(p) || /^console error/.test(p));
  check(problems.filter((p) => !expected(p)).length === 0 &&
    problems.filter(expected).length <= 2, `no other browser errors ${JSON.stringify(problems)}`);
  await context.close();

  // A viewer: logged in, but no write control, and a click places nothing.
  const viewer = await openConsole(browser, base, 'en-US');
  check(await logIn(viewer.page, viewerToken) === 'viewer', 'the viewer logs in');
  await viewer.page.mouse.click(point.x, point.y);
  await viewer.page.waitForTimeout(500);
  const seen = await viewer.page.evaluate(() => ({
    buttons: document.querySelectorAll('.dispatch-button, #incident-kind').length,
    panel: document.getElementById('panel').hidden,
    incident: window.musterConsole.dispatch.incident,
    asked: window.musterConsole.dispatch.nearest.loads,
  }));
  check(seen.buttons === 0 && seen.panel && seen.incident === null && seen.asked === 0,
    `the viewer sees no write control ${JSON.stringify(seen)}`);
  check(/vic \(viewer\)/.test(await viewer.page.textContent('#session')), 'the viewer is named');
  await viewer.page.screenshot({ path: join(artifacts, 'dispatch-4-viewer.png') });
  check(viewer.problems.length === 0, `no browser errors for the viewer ${JSON.stringify(
    viewer.problems)}`);
  await viewer.context.close();
  console.log(`screenshots: ${join(artifacts, 'dispatch-*.png')}`);
}, [['dana', 'dispatcher'], ['vic', 'viewer']]);
