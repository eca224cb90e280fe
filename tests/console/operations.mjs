// The dispatcher's zones, incident list and mass-casualty form in a real browser: the Malta
// sample in a fresh database, `muster serve --tokens` with a dispatcher made by `muster token`,
// the console in Debian's chromium at 1366×768. The dispatcher places an incident; a zone drawn
// and cancelled with Escape changes nothing; a closed zone drawn by mouse clicks around the middle
// of the first team's route makes the page ask again, and its list must then equal GET /nearest
// at the same point under the new hazard version, with the first ETA or team changed; lifting
// the zone brings the first list back. A mass-casualty plan of 2 red, 3 yellow and 4 green at the
// incident: its trips table must equal what POST /mci answers for the same body, one line drawn
// per flow. An incident recorded behind the page's back appears in its list through the event
// stream; "Close" closes it in the service. No browser error. Screenshots: ARTIFACTS_DIR/ops-*.png.
//
// Usage: node operations.mjs MUSTER_BINARY SAMPLES_DIR ARTIFACTS_DIR

import { join } from 'node:path';
import { testArguments, checker, getJson, clickRoadForNearest, openConsole, runBrowserTest }
  from './support.mjs';

const args = testArguments('operations.mjs');
const { artifacts } = args;
const tally = checker();
const { check } = tally;
const consoleState = (page, key) => page.evaluate((k) => window.musterConsole[k], key);
const ids = (teams) => teams.map((t) => t.id).join(',');
const etas = (teams) => teams.map((t) => t.duration_s).join(',');

/// Waits until the page has listed the nearest teams again, under hazard version `version`.
async function nearestUnder(page, version) {
  await page.waitForFunction((v) => {
    const d = window.musterConsole.dispatch;
    return !d.nearest.loading && d.nearest.hazards === v && d.teams.length > 0;
  }, version, { timeout: 30000 });
  return consoleState(page, 'dispatch');
}

/// The corners (page pixels) of a square around a vertex of the route's middle half (the middle
/// one first), its half side the first of a few sizes that keeps every corner 16 px from every
/// facility marker (a click on one opens it) and the square clear of the route's two ends (the
/// team and the incident).
async function squareAroundMiddle(page, route, places) {
  const line = route.type === 'MultiLineString' ? route.coordinates.flat() : route.coordinates;
  return page.evaluate(({ line, places }) => {
    const c = window.musterConsole;
    const ends = [line[0], line[line.length - 1]].map((p) => c.pixelOf(...p));
    const markers = places.map((p) => c.pixelOf(...p));
    const n = line.length;
    const order = [];
    for (let d = 0; d <= n / 4; d += 1) order.push(Math.floor(n / 2) + d, Math.floor(n / 2) - d);
    for (const index of order) {
      const m = c.pixelOf(...line[index]);
      for (const half of [18, 14, 22, 10]) {
        const corners = [[-1, -1], [1, -1], [1, 1], [-1, 1]].map(([dx, dy]) =>
          ({ x: m.x + dx * half, y: m.y + dy * half }));
        const clear = corners.every((p) => markers.every((k) =>
          Math.hypot(k.x - p.x, k.y - p.y) >= 16)) && ends.every((e) =>
          Math.abs(e.x - m.x) > half * 1.5 || Math.abs(e.y - m.y) > half * 1.5);
        if (clear) return { corners, half, vertex: line[index] };
      }
    }
    return null;
  }, { line, places });
}

await runBrowserTest('operations.mjs', tally, args, async ({ base, browser, tokens }) => {
  const token = tokens.dana;
  const { page, problems, context } = await openConsole(browser, base, 'en-US');
  await page.fill('#token-input', token);
  await page.click('#login button[type=submit]');
  await page.waitForFunction(() => window.musterConsole.dispatch.role === 'dispatcher' &&
    document.getElementById('zone-draw') !== null, null, { timeout: 10000 });

  // An incident on a main road of the main island; its nearest teams as GET /nearest lists them.
  const loads = await page.evaluate(() => window.musterConsole.roads.loads);
  await page.evaluate(() => window.muster.map.setView([35.888, 14.47], 13, { animate: false }));
  await page.waitForFunction((before) => window.musterConsole.roads.loads > before &&
    !window.musterConsole.roads.loading, loads, { timeout: 30000 });
  const { listed: before } = await clickRoadForNearest(page, base, check);
  const [lon, lat] = before.incident.at;
  const nearestPath = `/nearest?at=${lon},${lat}&kind=ambulance&k=3`;
  const original = await getJson(base, nearestPath);
  check(ids(before.teams) === ids(original.results) &&
    etas(before.teams) === etas(original.results),
  `before any zone: listed ${ids(before.teams)} (${etas(before.teams)} s) = GET /nearest`);
  const startVersion = (await getJson(base, '/hazards')).hazards.version;
  check(before.nearest.hazards === startVersion, `listed under hazard version ${startVersion}`);

  const places = [];
  for (const path of ['/teams', '/shelters', '/hospitals', '/depots']) {
    const answer = await getJson(base, path);
    for (const item of Object.values(answer).find(Array.isArray)) places.push(item.location);
  }
  const square = await squareAroundMiddle(page, original.results[0].geometry, places);
  check(square !== null, `a square around the first route's middle ${JSON.stringify(square)}`);

  // Escape drops a zone half drawn: nothing is posted, no incident is placed by its clicks.
  await page.click('#zone-draw');
  await page.mouse.click(square.corners[0].x, square.corners[0].y);
  await page.mouse.click(square.corners[1].x, square.corners[1].y);
  const drawing = await consoleState(page, 'zones');
  await page.keyboard.press('Escape');
  const cancelled = await consoleState(page, 'zones');
  const still = await consoleState(page, 'dispatch');
  check(drawing.drawing && drawing.corners.length === 2 && !cancelled.drawing &&
    cancelled.posted.length === 0 && JSON.stringify(still.incident.at) ===
    JSON.stringify(before.incident.at) && still.nearest.loads === before.nearest.loads,
  'Escape cancels a zone: nothing posted, the incident stays where it was');

  // A closed zone: three clicks and a double-click on the fourth corner.
  await page.click('#zone-draw');
  for (const corner of square.corners.slice(0, 3)) {
    await page.mouse.click(corner.x, corner.y);
    await page.waitForTimeout(350);  // apart, so that two clicks are not a double-click
  }
  await page.screenshot({ path: join(artifacts, 'ops-0-drawing.png') });
  await page.mouse.dblclick(square.corners[3].x, square.corners[3].y);
  await page.waitForFunction(() => window.musterConsole.zones.posted.length === 1 ||
    window.musterConsole.zones.error !== null, null, { timeout: 30000 });
  const drawn = await consoleState(page, 'zones');
  check(drawn.error === null && drawn.posted.length === 1 && !drawn.drawing,
    `the zone is posted: ${drawn.message}`);
  const posted = drawn.posted[0];
  const zone = await getJson(base, `/hazards/${encodeURIComponent(posted.id)}`);
  const ring = zone.geometry.coordinates[0][0];
  check(zone.properties.effect === 'closed' && ring.length === 5 &&
    posted.version === startVersion + 1,
  `GET /hazards/${posted.id}: closed, 4 corners, hazard version ${posted.version}`);
  const under = await nearestUnder(page, posted.version);
  const direct = await getJson(base, nearestPath);
  check(direct.hazards.version === posted.version, `GET /nearest answers under version ` +
    `${direct.hazards.version}`);
  check(ids(under.teams) === ids(direct.results) && etas(under.teams) === etas(direct.results) &&
    under.teams.every((t, i) =>
      JSON.stringify(t.geometry) === JSON.stringify(direct.results[i].geometry)),
  `under the zone: listed ${ids(under.teams)} (${etas(under.teams)} s) = GET /nearest`);
  check(under.teams[0].id !== original.results[0].id ||
    under.teams[0].duration_s !== original.results[0].duration_s,
  `the first changed: ${original.results[0].id} ${original.results[0].duration_s} s → ` +
    `${under.teams[0].id} ${under.teams[0].duration_s} s`);
  const layerZones = await page.evaluate(() => window.musterConsole.zones.ids);
  check(layerZones.includes(posted.id) &&
    await page.locator(`.lift-button[data-zone="${posted.id}"]`).count() === 1,
  `the zone is drawn and listed with its Lift button (${layerZones.length} in force)`);
  await page.screenshot({ path: join(artifacts, 'ops-1-zone.png') });

  // Lifted: the first list comes back.
  await page.click(`.lift-button[data-zone="${posted.id}"]`);
  await page.waitForFunction(() => window.musterConsole.zones.lifted.length === 1, null,
    { timeout: 30000 });
  const lifted = (await consoleState(page, 'zones')).lifted[0];
  const back = await nearestUnder(page, lifted.version);
  check(lifted.version === posted.version + 1 && ids(back.teams) === ids(original.results) &&
    etas(back.teams) === etas(original.results),
  `lifted (version ${lifted.version}): listed ${ids(back.teams)} (${etas(back.teams)} s) ` +
    'as before');
  check(!(await page.evaluate(() => window.musterConsole.zones.ids)).includes(posted.id),
    'the lifted zone is no longer drawn');

  // A mass-casualty plan at the incident: the trips shown are POST /mci's.
  await page.fill('#mci-red', '2');
  await page.fill('#mci-yellow', '3');
  await page.fill('#mci-green', '4');
  await page.click('#mci-plan-button');
  await page.waitForFunction(() => window.musterConsole.mci.loads > 0 &&
    !window.musterConsole.mci.loading, null, { timeout: 60000 });
  const mci = await consoleState(page, 'mci');
  const body = { incidents: [{ id: 'incident', location: [lon, lat], red: 2, yellow: 3,
    green: 4 }] };
  check(mci.error === null && JSON.stringify(mci.body) === JSON.stringify(body),
    `the page posted ${JSON.stringify(mci.body)}`);
  const planned = await (await fetch(base + '/mci', { method: 'POST',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
  const { red, yellow, green } = planned.casualties;
  check(red === 2 && yellow === 3 && green === 4 && planned.trips.length > 0,
    `POST /mci: ${JSON.stringify(planned.placed)} placed, ${planned.trips.length} trips`);
  const hospitals = new Map((await getJson(base, '/hospitals')).hospitals.map((h) =>
    [h.id, h.name]));
  const minutes = (s) => (s / 60).toFixed(1);
  const letters = { red: 'R', yellow: 'Y', green: 'G' };
  const teamNames = new Map((await getJson(base, '/teams')).teams.map((t) => [t.id, t.name]));
  const expected = planned.trips.map((t) => [teamNames.get(t.unit),
    Object.keys(letters).filter((c) => t.patients[c] > 0)
      .map((c) => `${letters[c]} ${t.patients[c]}`).join(' '),
    hospitals.get(t.hospital), minutes(t.depart_s), minutes(t.at_scene_s),
    minutes(t.at_hospital_s)]);
  const rows = await page.$$eval('#mci-plan table.trips tbody tr', (trs) => trs.map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
  check(JSON.stringify(rows) === JSON.stringify(expected),
    `the trips table (${rows.length} rows) = POST /mci's trips ${JSON.stringify(expected[0])} …`);
  // Each unit by its name, its id in the cell's title.
  const units = await page.$$eval('#mci-plan table.trips tbody tr td:first-child', (tds) =>
    tds.map((td) => td.title));
  check(JSON.stringify(units) === JSON.stringify(planned.trips.map((t) => t.unit)),
    'the trips\' units\' ids are in their cells\' titles');
  check(mci.lines === planned.flows.length,
    `a line per flow incident → hospital (${mci.lines} = ${planned.flows.length})`);
  await page.evaluate(() => document.getElementById('mci').scrollIntoView());
  await page.screenshot({ path: join(artifacts, 'ops-2-mci.png') });

  // The page's own dispatch records an incident: the list shows it open with the team sent.
  const first = back.teams[0].id;
  await page.click(`.dispatch-button[data-team="${first}"]`);
  await page.waitForFunction(() => window.musterConsole.dispatch.sent.length === 1, null,
    { timeout: 30000 });
  const incidentId = (await consoleState(page, 'dispatch')).sent[0].incident;
  await page.waitForFunction(({ id, team }) => window.musterConsole.incidents.list.some((i) =>
    i.id === id && i.dispatches.some((d) => d.team === team)), { id: incidentId, team: first },
  { timeout: 10000 });
  const sentRow = await page.$$eval(`#incident-list tr[data-incident="${incidentId}"] td`,
    (tds) => tds.map((td) => td.textContent.trim()));
  const sentTitle = await page.getAttribute(
    `#incident-list tr[data-incident="${incidentId}"] td:nth-child(5)`, 'title');
  const firstName = (await getJson(base, `/teams/${encodeURIComponent(first)}`)).name;
  check(sentRow[0] === incidentId && sentRow[1] === 'medical' && sentRow[2] === 'open' &&
    sentRow[4] === firstName && sentTitle === first && firstName !== first,
  `the list shows ${JSON.stringify(sentRow)}, the team by name (${sentTitle} in its title)`);

  // An incident recorded elsewhere shows through the stream; Close closes it in the service.
  const created = await fetch(base + '/incidents', { method: 'POST', headers: {
    'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
  body: JSON.stringify({ kind: 'fire', location: [lon, lat], id: 'OPS-1' }) });
  check(created.status === 201, `OPS-1 recorded (${created.status})`);
  await page.waitForFunction(() => window.musterConsole.incidents.list.some((i) =>
    i.id === 'OPS-1'), null, { timeout: 10000 });
  const statusCell = '#incident-list tr[data-incident="OPS-1"] .incident-status';
  check(await page.textContent(statusCell) === 'open', 'the list shows OPS-1 open');
  await page.evaluate(() => document.getElementById('incidents').scrollIntoView());
  await page.screenshot({ path: join(artifacts, 'ops-3-incidents.png') });
  await page.click('.close-button[data-incident="OPS-1"]');
  await page.waitForFunction(() => window.musterConsole.incidents.closed.includes('OPS-1') ||
    window.musterConsole.incidents.error !== null, null, { timeout: 10000 });
  check((await getJson(base, '/incidents/OPS-1')).status === 'closed',
    'GET /incidents/OPS-1 says closed');
  await page.waitForFunction((cell) => document.querySelector(cell)?.textContent === 'closed',
    statusCell, { timeout: 10000 });
  check(await page.locator('.close-button[data-incident="OPS-1"]').count() === 0,
    'the list shows OPS-1 closed, without a Close button');
  await page.evaluate(() => document.getElementById('incidents').scrollIntoView());
  await page.screenshot({ path: join(artifacts, 'ops-4-closed.png') });

  check(problems.length === 0, `no browser errors ${JSON.stringify(problems)}`);
  await context.close();
  console.log(`screenshots: ${join(artifacts, 'ops-*.png')}`);
}, [['dana', 'dispatcher']]);
