// muster's console: the mass-casualty form. Red, yellow and green counts at the placed incident;
// "Plan" POSTs them to /mci (the incident inline, its location and casualties) and shows the
// plan: a line from the incident to each hospital chosen, per triage category (coloured and
// dashed by category, set a few pixels apart so that lines to one hospital do not hide each
// other), and a table of the ambulance trips, each unit by its name (its id in the cell's
// title). The state the browser tests read is window.musterConsole.mci.
'use strict';

(function () {
  const { text, fill, escape, map, state } = window.muster;
  const CATEGORIES = ['red', 'yellow', 'green'];
  // Triage colours, each with its own dash so that colour is not the only cue.
  const STYLES = {
    red: { color: '#c0141c', dashArray: null },
    yellow: { color: '#d9a400', dashArray: '12 6' },
    green: { color: '#1b8a5a', dashArray: '3 6' },
  };
  const OFFSET_PX = 5;  // between the lines of two categories to one hospital

  const mci = (state.mci = {
    body: null,      // the last body POSTed
    answer: null,    // its answer
    lines: 0,        // incident → hospital lines drawn
    loads: 0,
    loading: false,
    error: null,
  });

  const plan = L.layerGroup();
  let section = null;
  let hospitals = null;  // id → { name, location }
  const $ = (id) => document.getElementById(id);
  const say = (message, isError) => {
    if (!section) return;
    $('mci-message').textContent = message || '';
    $('mci-message').className = isError ? 'error' : 'done';
  };
  const minutes = (seconds) => (seconds / 60).toFixed(1);
  const total = (counts) => CATEGORIES.reduce((n, c) => n + (counts[c] || 0), 0);
  const patients = (counts) => CATEGORIES.filter((c) => counts[c] > 0).map((c) =>
    `<span class="tri tri-${c}">${escape(text.triage_short[c])} ${counts[c]}</span>`).join(' ');

  /// Each flow as a line incident → hospital, moved sideways by its category's offset.
  const drawLines = () => {
    plan.clearLayers();
    mci.lines = 0;
    if (!mci.answer || !hospitals) return;
    const from = mci.body.incidents[0].location;
    for (const flow of mci.answer.flows) {
      const hospital = hospitals.get(flow.hospital);
      if (!hospital) continue;
      const a = map.latLngToLayerPoint([from[1], from[0]]);
      const b = map.latLngToLayerPoint([hospital.location[1], hospital.location[0]]);
      const length = a.distanceTo(b) || 1;
      const shift = (CATEGORIES.indexOf(flow.category) - 1) * OFFSET_PX;
      const normal = L.point((a.y - b.y) / length * shift, (b.x - a.x) / length * shift);
      const style = STYLES[flow.category];
      L.polyline([map.layerPointToLatLng(a.add(normal)), map.layerPointToLatLng(b.add(normal))],
        { color: style.color, dashArray: style.dashArray, weight: 4, opacity: 0.9 })
        .bindTooltip(`${escape(text.triage[flow.category])} ${flow.patients} → ` +
          `${escape(hospital.name || flow.hospital)} (${escape(fill(text.minutes,
            { n: minutes(flow.duration_s) }))})`)
        .addTo(plan);
      mci.lines += 1;
    }
  };
  map.on('zoomend', drawLines);

  const drawTable = () => {
    const answer = mci.answer;
    const name = (id) => (hospitals.get(id) || {}).name || id;
    const rows = answer.trips.map((trip) => `<tr><td title="${escape(trip.unit)}">` +
      `${escape(window.muster.teamName(trip.unit))}</td>` +
      `<td>${patients(trip.patients)}</td><td>${escape(name(trip.hospital))}</td>` +
      `<td class="num">${minutes(trip.depart_s)}</td>` +
      `<td class="num">${minutes(trip.at_scene_s)}</td>` +
      `<td class="num">${minutes(trip.at_hospital_s)}</td></tr>`);
    const overflow = answer.overflow.reduce((n, o) => n + o.patients, 0);
    $('mci-plan').innerHTML = `<p>${escape(fill(text.mci_summary, {
      placed: total(answer.placed), casualties: total(answer.casualties), trips: answer.trips.length,
      last: minutes(answer.last_arrival_s) }))}` +
      (overflow ? ` <span class="error">${escape(fill(text.mci_overflow, { n: overflow }))}` +
        '</span>' : '') + '</p>' +
      `<h3>${escape(text.trips)}</h3><table class="teams trips"><thead><tr>` +
      `<th>${escape(text.team)}</th><th>${escape(text.patients)}</th>` +
      `<th>${escape(text.hospital)}</th><th class="num">${escape(text.depart)}</th>` +
      `<th class="num">${escape(text.at_scene)}</th>` +
      `<th class="num">${escape(text.at_hospital_short)}</th></tr></thead>` +
      `<tbody>${rows.join('')}</tbody></table>`;
  };

  const ask = async () => {
    const incident = state.dispatch && state.dispatch.incident;
    if (!incident) {
      say(text.mci_need_incident, true);
      return;
    }
    const counts = Object.fromEntries(CATEGORIES.map((c) =>
      [c, Math.max(0, Math.round(Number($('mci-' + c).value) || 0))]));
    mci.body = { incidents: [{ id: incident.id || 'incident', location: incident.at,
      ...counts }] };
    mci.loading = true;
    mci.error = null;
    say(text.planning);
    try {
      if (!hospitals) {
        const answer = await window.muster.call('GET', '/hospitals');
        hospitals = new Map(answer.hospitals.map((h) => [h.id, h]));
      }
      mci.answer = await window.muster.call('POST', '/mci', { body: mci.body });
      say('');
      plan.addTo(map);
      drawLines();
      drawTable();
      // The incident and every hospital chosen in view.
      const bounds = L.latLngBounds([[incident.at[1], incident.at[0]]]);
      for (const flow of mci.answer.flows) {
        const hospital = hospitals.get(flow.hospital);
        if (hospital) bounds.extend([hospital.location[1], hospital.location[0]]);
      }
      map.fitBounds(bounds, { padding: [60, 60], maxZoom: 14, animate: false });
    } catch (error) {
      mci.error = { status: error.status, code: error.code, message: error.message };
      say(fill(text.refused, { why: error.message }), true);
    } finally {
      mci.loading = false;
      mci.loads += 1;
    }
  };

  // The plan leaves the map with the dispatcher's view (console/planner.js) and comes back with it.
  window.addEventListener('muster:view', (event) => {
    if (event.detail === 'planner') plan.remove();
    else if (section) plan.addTo(map);
  });

  window.addEventListener('muster:dispatcher', (event) => {
    if (!event.detail) {
      section = null;
      mci.answer = null;
      plan.clearLayers();
      plan.remove();
      return;
    }
    const key = (c) => `<span class="line" style="border-top:4px ${STYLES[c].dashArray
      ? (c === 'green' ? 'dotted' : 'dashed') : 'solid'} ${STYLES[c].color}"></span>`;
    section = document.createElement('details');
    section.id = 'mci';
    section.className = 'ops-section';
    section.open = true;
    section.innerHTML = `<summary><h3>${escape(text.mci_title)}</h3></summary>` +
      `<p class="hint">${escape(text.mci_hint)}</p><div class="field counts">` +
      CATEGORIES.map((c) => `<span class="pair"><label for="mci-${c}">${key(c)}` +
        `${escape(text.triage[c])}</label><input id="mci-${c}" type="number" min="0" ` +
        'max="10000" step="1" value="0"></span>').join('') +
      `</div><div class="buttons"><button type="button" id="mci-plan-button">` +
      `${escape(text.plan)}</button></div>` +
      '<p id="mci-message" role="status" aria-live="polite"></p><div id="mci-plan"></div>';
    $('panel').appendChild(section);
    $('mci-plan-button').addEventListener('click', ask);
  });
  // A new incident point: the plan of the old one no longer applies.
  window.addEventListener('muster:incident-placed', () => {
    mci.answer = null;
    plan.clearLayers();
    if (section) $('mci-plan').innerHTML = '';
  });
})();
