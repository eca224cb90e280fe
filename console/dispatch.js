// muster's console: the login and the dispatcher's view. The token a user types is kept in the
// tab's sessionStorage, checked with GET /session, and sent only on writes. A dispatcher clicks
// the map where a call came from: the page asks GET /nearest for the three nearest available
// ambulances, lists them with ETA and distance, draws their routes (the first highlighted) and
// offers one "Dispatch" button per team: POST /incidents, then POST /incidents/{id}/dispatch.
// A refusal shows the service's own message. A viewer, and a page without a token, get no write
// control. When the zones in force change ("muster:hazards-changed"), the placed incident's
// nearest teams are asked again. The dispatcher's other sections (console/zones.js, incidents.js,
// mci.js, search.js) open and close with this panel ("muster:dispatcher") and write through
// window.muster.call; window.muster.placeIncident([lon, lat], name) places the incident as a
// click does. A planner gets a panel of the zones alone ("muster:zones"), in both views. The state the browser tests read is window.musterConsole.dispatch.
'use strict';

(function () {
  const { text, fill, escape, map, state, STATUS_COLOURS } = window.muster;
  const TOKEN_KEY = 'muster.token';
  const KINDS = ['medical', 'fire', 'flood', 'collapse', 'traffic', 'other'];
  const ROUTE_FIRST = { color: '#0072b2', weight: 6, opacity: 0.9 };
  const ROUTE_OTHER = { color: '#56b4e9', weight: 4, opacity: 0.85, dashArray: '8 6' };

  const dispatch = (state.dispatch = {
    user: null,
    role: null,
    incident: null,  // { at: [lon, lat], kind, id: null until it is recorded }
    nearest: { url: null, loading: false, loads: 0 },
    teams: [],       // the listed teams, nearest first: id, name, duration_s, distance_m, ...
    sent: [],        // { incident, team } of each dispatch this page made
    routes_drawn: 0,
    message: null,   // the last result or refusal shown
    error: null,     // { status, code, message } of the last refusal
  });

  const token = () => sessionStorage.getItem(TOKEN_KEY);
  /// A request to the service; `auth`: with the token. Throws the error body's message.
  const call = async (method, path, { body, auth = false } = {}) => {
    const headers = { Accept: 'application/json' };
    if (auth && token()) headers.Authorization = 'Bearer ' + token();
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error((answer && answer.message) || `HTTP ${response.status}`);
      error.status = response.status;
      error.code = answer && answer.code;
      throw error;
    }
    return answer;
  };
  window.muster.call = call;

  // The session: a login form, or who is logged in and a way out.
  const sessionBox = document.getElementById('session');
  const showLogin = (problem) => {
    sessionBox.innerHTML =
      `<form id="login" class="login"><label for="token-input">${escape(text.token)}</label>` +
      `<input id="token-input" type="password" autocomplete="off" spellcheck="false" required>` +
      `<button type="submit">${escape(text.log_in)}</button></form>` +
      (problem ? `<span class="login-problem" role="alert">${escape(problem)}</span>` : '');
    document.getElementById('login').addEventListener('submit', (event) => {
      event.preventDefault();
      const typed = document.getElementById('token-input').value.trim();
      if (!typed) return;
      sessionStorage.setItem(TOKEN_KEY, typed);
      logIn();
    });
  };
  const showUser = () => {
    sessionBox.innerHTML = `<span id="who">${escape(fill(text.signed_in, {
      user: dispatch.user, role: text.roles[dispatch.role] || dispatch.role }))}</span>` +
      `<button id="logout" type="button">${escape(text.log_out)}</button>`;
    document.getElementById('logout').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      dispatch.user = dispatch.role = null;
      leaveDispatcherMode();
      showLogin();
    });
  };
  const logIn = async () => {
    try {
      const who = await call('GET', '/session', { auth: true });
      dispatch.user = who.user;
      dispatch.role = who.role;
      showUser();
      if (who.role === 'dispatcher') enterDispatcherMode();
      else if (who.role === 'planner') enterPlannerMode();
    } catch (error) {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin(fill(text.login_failed, { why: error.message }));
    }
  };

  // The dispatcher's panel, its incident and routes.
  const panel = document.getElementById('panel');
  const routes = L.layerGroup();
  let incidentMarker = null;
  const incidentIcon = L.divIcon({ className: '', html: '<div class="mk mk-incident">!</div>',
    iconSize: [22, 22] });

  const enterDispatcherMode = () => {
    panel.innerHTML =
      `<h2 id="panel-title">${escape(text.dispatch_title)}</h2>` +
      `<label class="field">${escape(text.incident_kind)} <select id="incident-kind">` +
      KINDS.map((k) => `<option value="${k}">${escape(text.incident_kinds[k])}</option>`)
        .join('') + '</select></label>' +
      `<p id="incident-where" class="hint">${escape(text.click_hint)}</p>` +
      '<div id="nearest"></div>' +
      '<p id="dispatch-message" role="status" aria-live="polite"></p>';
    panel.hidden = false;
    routes.addTo(map);
    map.getContainer().classList.add('placing');
    map.on('click', placeIncident);
    window.dispatchEvent(new CustomEvent('muster:dispatcher', { detail: true }));
    map.invalidateSize();
  };
  // A planner's panel: the hazard zones alone (console/zones.js), shown in both views, so that a
  // planner sees what a zone does to coverage and relief.
  const enterPlannerMode = () => {
    panel.innerHTML = `<h2 id="panel-title">${escape(text.view_planner)}</h2>`;
    panel.classList.add('zones-only');
    panel.hidden = false;
    window.dispatchEvent(new CustomEvent('muster:zones', { detail: true }));
    map.invalidateSize();
  };
  const leaveDispatcherMode = () => {
    panel.hidden = true;
    panel.innerHTML = '';
    panel.classList.remove('zones-only');
    map.off('click', placeIncident);
    map.getContainer().classList.remove('placing');
    routes.clearLayers();
    routes.remove();
    if (incidentMarker) incidentMarker.remove();
    incidentMarker = null;
    dispatch.incident = null;
    dispatch.teams = [];
    window.dispatchEvent(new CustomEvent('muster:dispatcher', { detail: false }));
    map.invalidateSize();
  };

  // The planner's view (console/planner.js) shows none of the dispatcher's incident: its routes
  // and marker leave the map with the view and come back with the dispatcher's.
  window.addEventListener('muster:view', (event) => {
    const shown = event.detail !== 'planner' && !panel.hidden;
    for (const layer of [routes, incidentMarker]) {
      if (layer && shown) layer.addTo(map);
      else if (layer) layer.remove();
    }
  });

  const say = (message, isError) => {
    dispatch.message = message;
    const line = document.getElementById('dispatch-message');
    if (!line) return;
    line.textContent = message || '';
    line.className = isError ? 'error' : 'done';
  };
  const minutes = (seconds) => (seconds / 60).toFixed(1);
  const kilometres = (metres) => (metres / 1000).toFixed(2);

  /// The listed teams as a table, each with its dispatch button or its status once sent.
  const drawList = () => {
    const box = document.getElementById('nearest');
    if (!box) return;
    if (!dispatch.teams.length) {
      box.innerHTML = `<p class="hint">${escape(text.none_reach)}</p>`;
      return;
    }
    const rows = dispatch.teams.map((team, i) => {
      const sent = team.status && team.status !== 'available';
      const action = sent
        ? `<span class="team-status"><span class="dot" style="background:` +
          `${STATUS_COLOURS[team.status] || '#000'}"></span>` +
          `${escape(text.status[team.status] || team.status)}</span>`
        : `<button type="button" class="dispatch-button" data-team="${escape(team.id)}" ` +
          `aria-label="${escape(fill(text.dispatch_team, { team: team.name || team.id }))}">` +
          `${escape(text.dispatch)}</button>`;
      return `<tr class="${i === 0 ? 'first' : ''}" data-team="${escape(team.id)}">` +
        `<td><span class="route-key ${i === 0 ? 'first' : ''}"></span>` +
        `${escape(team.name || team.id)}</td>` +
        `<td class="num">${team.reachable ? escape(fill(text.minutes,
          { n: minutes(team.duration_s) })) : '—'}</td>` +
        `<td class="num">${team.reachable ? escape(fill(text.kilometres,
          { n: kilometres(team.distance_m) })) : '—'}</td><td>${action}</td></tr>`;
    });
    box.innerHTML = `<h3>${escape(text.nearest)}</h3><table class="teams"><thead><tr>` +
      `<th>${escape(text.team)}</th><th>${escape(text.eta)}</th>` +
      `<th>${escape(text.distance)}</th><th></th></tr></thead><tbody>${rows.join('')}` +
      '</tbody></table>';
    for (const button of box.querySelectorAll('.dispatch-button')) {
      button.addEventListener('click', () => sendTeam(button.dataset.team, button));
    }
  };

  const drawRoutes = () => {
    routes.clearLayers();
    // The others first, so that the first is drawn on top.
    dispatch.teams.map((team, i) => ({ team, i })).reverse().forEach(({ team, i }) => {
      if (!team.geometry) return;
      L.geoJSON(team.geometry, { style: i === 0 ? ROUTE_FIRST : ROUTE_OTHER, interactive: false })
        .addTo(routes);
    });
    dispatch.routes_drawn = routes.getLayers().length;
  };

  let placing = 0;  // the last click's number: only its answer is shown
  const placeIncident = (event) => {
    if (window.muster.drawing) return;  // the click is a zone's vertex (console/zones.js)
    if (window.muster.view && window.muster.view() === 'planner') return;  // console/planner.js
    placeAt([Number(event.latlng.lng.toFixed(6)), Number(event.latlng.lat.toFixed(6))]);
  };
  /// The incident put at [lon, lat] (named `name` if given), its nearest teams asked: what a
  /// click does, and what the place search (console/search.js) does with the place chosen.
  const placeAt = ([lon, lat], name) => {
    if (panel.hidden) return;  // no dispatcher
    const kind = document.getElementById('incident-kind').value;
    dispatch.incident = { at: [lon, lat], kind, id: null };
    dispatch.teams = [];
    dispatch.error = null;
    say('');
    if (incidentMarker) incidentMarker.setLatLng([lat, lon]);
    else incidentMarker = L.marker([lat, lon], { icon: incidentIcon, interactive: false })
      .addTo(map);
    document.getElementById('incident-where').textContent = fill(
      name ? text.incident_at_named : text.incident_at,
      { name, lat: lat.toFixed(5), lon: lon.toFixed(5) });
    window.dispatchEvent(new CustomEvent('muster:incident-placed', { detail: dispatch.incident }));
    askNearest();
  };

  /// The nearest available ambulances of the placed incident, listed and their routes drawn.
  const askNearest = async () => {
    const [lon, lat] = dispatch.incident.at;
    routes.clearLayers();
    dispatch.routes_drawn = 0;
    document.getElementById('nearest').innerHTML = `<p class="hint">${escape(text.asking)}</p>`;

    const request = ++placing;
    const url = `/nearest?at=${lon},${lat}&kind=ambulance&k=3`;
    dispatch.nearest = { url, loading: true, loads: dispatch.nearest.loads, hazards: null };
    try {
      const answer = await call('GET', url);
      if (request !== placing) return;  // a later click asked again
      dispatch.nearest.hazards = answer.hazards ? answer.hazards.version : null;
      dispatch.teams = answer.results.map((r) => ({
        id: r.id, name: r.name, duration_s: r.duration_s, distance_m: r.distance_m,
        reachable: r.reachable, geometry: r.geometry, status: 'available',
      }));
      drawList();
      drawRoutes();
    } catch (error) {
      if (request !== placing) return;
      dispatch.error = { status: error.status, code: error.code, message: error.message };
      document.getElementById('nearest').innerHTML = '';
      say(fill(text.refused, { why: error.message }), true);
    } finally {
      if (request === placing) {
        dispatch.nearest.loading = false;
        dispatch.nearest.loads += 1;
      }
    }
  };

  /// Records the incident (once) and dispatches the team to it.
  const sendTeam = async (teamId, button) => {
    const incident = dispatch.incident;
    const team = dispatch.teams.find((t) => t.id === teamId);
    if (!incident || !team) return;
    // A keyboard user goes on from the next team's button: the list is drawn anew.
    const focused = document.activeElement === button;
    button.disabled = true;
    say(text.sending);
    try {
      if (!incident.id) {
        const created = await call('POST', '/incidents', {
          body: { kind: incident.kind, location: incident.at }, auth: true });
        incident.id = created.incident.id;
      }
      await call('POST', `/incidents/${encodeURIComponent(incident.id)}/dispatch`,
        { body: { teams: [teamId] }, auth: true });
      dispatch.sent.push({ incident: incident.id, team: teamId });
      dispatch.error = null;
      team.status = 'dispatched';
      drawList();
      say(fill(text.sent, { team: team.name || team.id, incident: incident.id }));
      if (focused) {
        (document.querySelector('#nearest .dispatch-button') ||
          document.getElementById('place-search'))?.focus();
      }
    } catch (error) {
      dispatch.error = { status: error.status, code: error.code, message: error.message };
      button.disabled = false;
      say(fill(text.refused, { why: error.message }), true);
    }
  };

  // The stream's word on a listed team: its row shows its status.
  window.addEventListener('muster:team', (event) => {
    const team = dispatch.teams.find((t) => t.id === event.detail.id);
    if (!team || team.status === event.detail.status) return;
    team.status = event.detail.status;
    drawList();
  });

  // Zones drawn or lifted: the routes and ETAs of the placed incident change.
  window.addEventListener('muster:hazards-changed', () => {
    if (dispatch.incident && !panel.hidden) askNearest();
  });

  window.muster.placeIncident = placeAt;

  if (token()) logIn();
  else showLogin();
})();
