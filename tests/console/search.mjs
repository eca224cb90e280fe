// The dispatcher's place search and keyboard use in a real browser (the Malta sample, `muster
// serve --tokens`, Debian's chromium at 1366×768). With a dispatcher logged in, the top bar is one
// line, even with a status too long for it (cut, its whole text in its title). From the keyboard
// alone: Tab reaches the search box, "Valletta" typed lists the places GET /search answers, Down,
// Up and Enter choose the township Valletta; the incident is put at the location GET /search
// gives it, the map is moved there, and the teams listed equal GET /nearest's at that point
// (asked by this test); Tab goes on to the first team's Dispatch button, shown with a focus
// outline, and Enter sends it: GET /teams/{id} says dispatched, the focus goes on to the next
// team's button, and the page's marker takes the dispatched colour from the event stream. Escape closes the list, then empties the box. The
// mass-casualty trips name their units (GET /teams' names, the ids in the cells' titles). No
// browser error. Screenshots: ARTIFACTS_DIR/search-*.png.
//
// Usage: node search.mjs MUSTER_BINARY SAMPLES_DIR ARTIFACTS_DIR

import { join } from 'node:path';
import { testArguments, checker, getJson, openConsole, runBrowserTest } from './support.mjs';

const args = testArguments('search.mjs');
const { artifacts } = args;
const tally = checker();
const { check } = tally;
const DISPATCHED_FILL = '#e69f00';  // the dispatched status's colour, as the legend shows it
// One row of the bar: its tallest item (the session's box, 26 px with its button) and 2 × 6 px of
// padding, 38 px; a second row would add at least one more line of the status' 13 px text
// (18 px), 56 px. Anything up to 48 px is one row, whatever the fonts.
const ONE_ROW_PX = 48;

async function logIn(page, token) {
  await page.fill('#token-input', token);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.musterConsole.dispatch.role !== null, null,
    { timeout: 10000 });
  return page.evaluate(() => window.musterConsole.dispatch.role);
}

/// The bar's height, its items' rows and the status line's cut.
const barShape = (page) => page.evaluate(() => {
  const bar = document.getElementById('bar').getBoundingClientRect();
  const items = [...document.getElementById('bar').children].map((e) =>
    e.getBoundingClientRect());
  const status = document.getElementById('status');
  return {
    height: bar.height,
    // One row: every item's box overlaps every other's vertically.
    oneRow: Math.max(...items.map((r) => r.top)) < Math.min(...items.map((r) => r.bottom)),
    cut: status.scrollWidth > status.clientWidth,
    titled: status.title === status.textContent,
    text: status.textContent,
  };
});

async function checkBar(page, lang) {
  const plain = await barShape(page);
  check(plain.height <= ONE_ROW_PX && plain.oneRow && plain.titled,
    `${lang}: the bar is one line (${plain.height} px) with its status' text in its title`);
  // A status longer than the room left: cut with an ellipsis, the bar still one line.
  // The page may write its own status meanwhile (the roads of a move): set until measured.
  let long = null;
  for (let tries = 0; tries < 10 && !long; tries += 1) {
    const text = await page.evaluate(async () => {
      const line = window.muster.statusLine;
      line.dataset.before = line.textContent;
      // At least 600 characters, wider than the bar whatever the status said (even "loading").
      const longer = (line.textContent + ' ').repeat(
        Math.max(4, Math.ceil(600 / (line.textContent.length + 1))));
      line.textContent = longer;
      await new Promise((resolve) => requestAnimationFrame(resolve));  // its title follows
      return longer;
    });
    const shape = await barShape(page);
    if (shape.text === text) long = shape;
  }
  check(long && long.height <= ONE_ROW_PX && long.oneRow && long.cut && long.titled,
    `${lang}: a long status is cut (${JSON.stringify(long && { ...long, text: undefined })})`);
  await page.evaluate(() => {
    const line = window.muster.statusLine;
    line.textContent = line.dataset.before;
  });
}

await runBrowserTest('search.mjs', tally, args, async ({ base, browser, tokens }) => {
  const { dana: token } = tokens;

  // The bar in Chinese, whose labels are shorter but whose glyphs are wider.
  const zh = await openConsole(browser, base, 'zh-CN');
  check(await logIn(zh.page, token) === 'dispatcher', 'zh-CN: the dispatcher logs in');
  await checkBar(zh.page, 'zh-CN');
  await zh.page.screenshot({ path: join(artifacts, 'search-0-bar-zh.png') });
  check(zh.problems.length === 0, `zh-CN: no browser errors ${JSON.stringify(zh.problems)}`);
  await zh.context.close();

  const { page, problems, context } = await openConsole(browser, base, 'en-US');
  check(await logIn(page, token) === 'dispatcher', 'the dispatcher logs in');
  await checkBar(page, 'en-US');

  // Tab from the top of the page reaches the search box.
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  let tabs = 0;
  while (tabs < 20 && await page.evaluate(() => document.activeElement.id) !== 'place-search') {
    await page.keyboard.press('Tab');
    tabs += 1;
  }
  check(await page.evaluate(() => document.activeElement.id) === 'place-search',
    `Tab reaches the search box (${tabs} presses)`);

  // "Valletta" typed: the list is GET /search's answer, as a combobox's listbox.
  await page.keyboard.type('Valletta', { delay: 20 });
  await page.waitForFunction(() => {
    const s = window.musterConsole.search;
    return s.query === 'Valletta' && s.loads > 0 && !s.loading;
  }, null, { timeout: 10000 });
  const direct = await getJson(base, '/search?q=Valletta&limit=8');
  const listed = await page.evaluate(() => window.musterConsole.search.results);
  const places = (results) => results.map((r) => `${r.kind}:${r.id}`).join(',');
  check(listed.length > 1 && places(listed) === places(direct.results),
    `the list is GET /search's: ${places(listed)}`);
  const valletta = direct.results[0];
  check(valletta.kind === 'township' && valletta.name === 'Valletta',
    `GET /search names the township Valletta first (${JSON.stringify(valletta)})`);
  const aria = () => page.evaluate(() => {
    const input = document.getElementById('place-search');
    const list = document.getElementById('place-results');
    return {
      role: input.getAttribute('role'), expanded: input.getAttribute('aria-expanded'),
      controls: input.getAttribute('aria-controls'),
      active: input.getAttribute('aria-activedescendant'),
      listRole: list.getAttribute('role'), visible: !list.hidden,
      options: [...list.querySelectorAll('[role=option]')].map((o) =>
        [o.id, o.getAttribute('aria-selected'), o.textContent]),
    };
  });
  const shown = await aria();
  check(shown.role === 'combobox' && shown.expanded === 'true' && shown.controls ===
    'place-results' && shown.listRole === 'listbox' && shown.visible &&
    shown.options.length === listed.length && shown.options[0][2].startsWith('Valletta'),
  `a combobox and its listbox: ${JSON.stringify(shown.options.slice(0, 2))}`);

  // Down, Down, Up: the first marked again.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  check((await aria()).active === 'place-option-1', 'Down, Down marks the second');
  await page.keyboard.press('ArrowUp');
  const marked = await aria();
  check(marked.active === 'place-option-0' && marked.options[0][1] === 'true' &&
    marked.options[1][1] === 'false', 'Up marks the first again');
  await page.screenshot({ path: join(artifacts, 'search-1-results.png') });

  // Enter: the incident at Valletta, as a click would put it; the teams are GET /nearest's.
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.musterConsole.dispatch.nearest.loads > 0 &&
    !window.musterConsole.dispatch.nearest.loading, null, { timeout: 30000 });
  const dispatch = await page.evaluate(() => window.musterConsole.dispatch);
  const [lon, lat] = valletta.location;
  check(dispatch.incident.at[0] === lon && dispatch.incident.at[1] === lat,
    `the incident is at Valletta's location ${dispatch.incident.at}`);
  const centre = await page.evaluate(() => window.muster.map.getCenter());
  check(Math.abs(centre.lng - lon) < 1e-4 && Math.abs(centre.lat - lat) < 1e-4,
    `the map is moved there (${centre.lng}, ${centre.lat})`);
  const nearest = await getJson(base, `/nearest?at=${lon},${lat}&kind=ambulance&k=3`);
  const ids = (teams) => teams.map((t) => t.id).join(',');
  check(nearest.results.length === 3 && ids(dispatch.teams) === ids(nearest.results) &&
    dispatch.teams.every((t, i) => t.duration_s === nearest.results[i].duration_s) &&
    dispatch.routes_drawn === 3,
  `listed ${ids(dispatch.teams)} = GET /nearest ${ids(nearest.results)}, routes drawn`);
  const after = await aria();
  check(after.expanded === 'false' && !after.visible &&
    await page.evaluate(() => document.activeElement.id) === 'place-search' &&
    /Valletta/.test(await page.textContent('#incident-where')),
  'the list is closed, the focus stays in the box, the incident is named');

  // Tab: the first team's Dispatch button, with a visible focus outline; Enter sends it.
  const first = nearest.results[0].id;
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const e = document.activeElement;
    const style = getComputedStyle(e);
    return { team: e.dataset.team, cls: e.className, outline: style.outlineStyle,
      width: parseFloat(style.outlineWidth) };
  });
  check(focused.cls === 'dispatch-button' && focused.team === first &&
    focused.outline !== 'none' && focused.width >= 2,
  `Tab reaches ${first}'s Dispatch button, outlined (${JSON.stringify(focused)})`);
  await page.screenshot({ path: join(artifacts, 'search-2-focus.png') });
  const appliedBefore = await page.evaluate(() => window.musterConsole.live.applied);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.musterConsole.dispatch.sent.length === 1 ||
    window.musterConsole.dispatch.error !== null, null, { timeout: 30000 });
  const sent = await page.evaluate(() => window.musterConsole.dispatch);
  check(sent.error === null && sent.sent[0].team === first, `Enter dispatched ${first}`);
  const second = nearest.results[1].id;  // available: /nearest lists available teams
  const next = await page.evaluate(() => document.activeElement.dataset.team || null);
  check(next === second, `the focus goes on to the next team's Dispatch button (${next})`);
  const team = await getJson(base, `/teams/${encodeURIComponent(first)}`);
  check(team.status === 'dispatched', `GET /teams/${first} says ${team.status}`);
  const incident = await getJson(base, `/incidents/${encodeURIComponent(sent.sent[0].incident)}`);
  check(incident.location[0] === lon && incident.location[1] === lat,
    `the incident recorded at ${incident.location}`);
  await page.waitForFunction(({ id, before, fill }) =>
    window.musterConsole.live.applied > before && window.musterConsole.teamFill(id) === fill,
  { id: first, before: appliedBefore, fill: DISPATCHED_FILL }, { timeout: 10000 });
  check(await page.evaluate((id) => window.musterConsole.teamFill(id), first) === DISPATCHED_FILL,
    `${first}'s marker shows the dispatched colour`);
  await page.screenshot({ path: join(artifacts, 'search-3-sent.png') });

  // Escape closes the list, a second Escape empties the box.
  await page.focus('#place-search');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Triq', { delay: 20 });
  await page.waitForFunction(() => {
    const s = window.musterConsole.search;
    return s.query === 'Triq' && !s.loading && s.results.length > 0;
  }, null, { timeout: 10000 });
  check((await aria()).visible, 'a new list for "Triq"');
  await page.keyboard.press('Escape');
  const closed = await aria();
  check(!closed.visible && closed.expanded === 'false' &&
    await page.inputValue('#place-search') === 'Triq', 'Escape closes the list');
  await page.keyboard.press('Escape');
  check(await page.inputValue('#place-search') === '', 'a second Escape empties the box');

  // The mass-casualty trips name their units.
  await page.fill('#mci-red', '2');
  await page.fill('#mci-yellow', '2');
  await page.click('#mci-plan-button');
  await page.waitForFunction(() => window.musterConsole.mci.loads > 0 &&
    !window.musterConsole.mci.loading, null, { timeout: 60000 });
  const body = await page.evaluate(() => window.musterConsole.mci.body);
  const planned = await (await fetch(base + '/mci', { method: 'POST',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
  const names = new Map((await getJson(base, '/teams')).teams.map((t) => [t.id, t.name]));
  const cells = await page.$$eval('#mci-plan table.trips tbody tr td:first-child', (tds) =>
    tds.map((td) => [td.textContent.trim(), td.title]));
  const expected = planned.trips.map((t) => [names.get(t.unit), t.unit]);
  check(expected.length > 0 && JSON.stringify(cells) === JSON.stringify(expected) &&
    expected.every(([name, id]) => name && name !== id),
  `the trips name their units: ${JSON.stringify(cells.slice(0, 2))}`);
  await page.evaluate(() => document.getElementById('mci').scrollIntoView());
  await page.screenshot({ path: join(artifacts, 'search-4-mci-names.png') });

  check(problems.length === 0, `no browser errors ${JSON.stringify(problems)}`);
  await context.close();
  console.log(`screenshots: ${join(artifacts, 'search-*.png')}`);
}, [['dana', 'dispatcher']]);
