// muster's console: hazard zones a dispatcher or a planner draws and lifts. "Draw zone", then each click of
// the map adds a corner; a double-click or "Finish" closes the polygon and POSTs it to /hazards
// as a GeoJSON Feature (effect closed, or slow with its speed factor); Escape or "Cancel" drops
// it. The zones in force are listed, each with a "Lift" button (DELETE /hazards/{id}). The hazard
// layer is drawn again from GET /hazards whenever a zone changes, here or through the event
// stream; a new hazard version is announced as "muster:hazards-changed", so that the placed
// incident's routes and ETAs are asked again (console/dispatch.js). While a zone is drawn,
// window.muster.drawing is true and a click places no incident. The state the browser tests read
// is window.musterConsole.zones.
'use strict';

(function () {
  const { text, fill, escape, map, state, drawHazards } = window.muster;
  const DRAFT = { color: '#b2182b', weight: 2, dashArray: '4 4', fillOpacity: 0.1,
    interactive: false };

  const zones = (state.zones = {
    drawing: false,
    corners: [],     // [lon, lat] of the zone being drawn
    version: null,   // the hazard version drawn
    ids: [],         // the zones in force
    posted: [],      // { id, version } of each zone this page added
    lifted: [],      // { id, version } of each zone this page lifted
    loads: 0,
    message: null,
    error: null,     // { status, code, message } of the last refusal
  });

  const draft = L.layerGroup();
  let section = null;
  const $ = (id) => document.getElementById(id);

  const say = (message, isError) => {
    zones.message = message;
    if (!section) return;
    $('zone-message').textContent = message || '';
    $('zone-message').className = isError ? 'error' : 'done';
  };
  const refused = (error) => {
    zones.error = { status: error.status, code: error.code, message: error.message };
    say(fill(text.refused, { why: error.message }), true);
  };

  // The zones in force: drawn on the map, listed in the panel; a new version announced.
  let request = 0;
  let features = [];
  const refresh = async () => {
    const mine = ++request;
    const response = await fetch('/hazards', { headers: { Accept: 'application/json' } });
    const collection = await response.json();
    if (mine !== request || !response.ok) return;
    drawHazards(collection);
    features = collection.features;
    const before = zones.version;
    zones.version = collection.hazards.version;
    zones.ids = features.map((f) => f.properties.id);
    zones.loads += 1;
    drawList();
    if (before !== null && before !== zones.version) {
      window.dispatchEvent(new CustomEvent('muster:hazards-changed',
        { detail: zones.version }));
    }
  };
  const refreshQuietly = () => refresh().catch((error) => refused(error));

  const drawList = () => {
    if (!section) return;
    const box = $('zone-list');
    if (!features.length) {
      box.innerHTML = `<p class="hint">${escape(text.no_zones)}</p>`;
      return;
    }
    const rows = features.map((f) => {
      const p = f.properties;
      const effect = p.effect === 'closed' ? text.zone_closed
        : `${text.zone_slow} ×${p.speed_factor}`;
      return `<tr><td>${escape(p.name || p.id)}</td><td>${escape(effect)}</td>` +
        `<td><button type="button" class="lift-button" data-zone="${escape(p.id)}" ` +
        `aria-label="${escape(fill(text.lift_zone, { id: p.name || p.id }))}">` +
        `${escape(text.lift)}</button></td></tr>`;
    });
    box.innerHTML = `<table class="teams zones"><thead><tr><th>${escape(text.zone)}</th>` +
      `<th>${escape(text.effect)}</th><th></th></tr></thead><tbody>${rows.join('')}` +
      '</tbody></table>';
    for (const button of box.querySelectorAll('.lift-button')) {
      button.addEventListener('click', () => lift(button.dataset.zone, button));
    }
  };

  // Drawing: clicks add corners, a double-click or Finish closes, Escape cancels.
  const showDraft = () => {
    draft.clearLayers();
    const latLngs = zones.corners.map(([lon, lat]) => [lat, lon]);
    if (latLngs.length >= 2) L.polygon(latLngs, DRAFT).addTo(draft);
    for (const corner of latLngs) {
      L.circleMarker(corner, { radius: 4, color: '#b2182b', weight: 2, fillColor: '#fff',
        fillOpacity: 1, interactive: false }).addTo(draft);
    }
    if (section) $('zone-finish').disabled = zones.corners.length < 3;
  };
  const addCorner = (event) => {
    const last = zones.corners[zones.corners.length - 1];
    // A double-click's two clicks land on one spot: one corner.
    if (last && map.latLngToContainerPoint([last[1], last[0]])
      .distanceTo(event.containerPoint) < 4) return;
    zones.corners.push([Number(event.latlng.lng.toFixed(6)), Number(event.latlng.lat.toFixed(6))]);
    showDraft();
  };
  const onKey = (event) => {
    if (event.key === 'Escape') stopDrawing();
  };
  const startDrawing = () => {
    if (zones.drawing) return;
    zones.drawing = window.muster.drawing = true;
    zones.corners = [];
    zones.error = null;
    say(text.zone_hint);
    map.doubleClickZoom.disable();
    map.getContainer().classList.add('drawing');
    map.on('click', addCorner);
    map.on('dblclick', finish);
    document.addEventListener('keydown', onKey);
    draft.addTo(map);
    $('zone-draw').hidden = true;
    $('zone-finish').hidden = $('zone-cancel').hidden = false;
    showDraft();
  };
  const stopDrawing = () => {
    zones.drawing = window.muster.drawing = false;
    map.off('click', addCorner);
    map.off('dblclick', finish);
    document.removeEventListener('keydown', onKey);
    map.getContainer().classList.remove('drawing');
    // Leaflet zooms on the double-click's own event after this one: enabled again after it.
    setTimeout(() => map.doubleClickZoom.enable(), 0);
    draft.clearLayers();
    draft.remove();
    if (section) {
      $('zone-draw').hidden = false;
      $('zone-finish').hidden = $('zone-cancel').hidden = true;
      if (zones.message === text.zone_hint) say('');
    }
  };
  const finish = async () => {
    if (!zones.drawing) return;
    if (zones.corners.length < 3) {
      say(text.zone_too_few, true);
      return;
    }
    const ring = [...zones.corners, zones.corners[0]];
    const effect = $('zone-effect').value;
    const properties = { effect };
    if (effect === 'slow') properties.speed_factor = Number($('zone-factor').value);
    const name = $('zone-name').value.trim();
    if (name) properties.name = name;
    stopDrawing();
    try {
      const answer = await window.muster.call('POST', '/hazards', { auth: true, body: {
        type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties } });
      zones.posted.push({ id: answer.id, version: answer.hazards.version });
      zones.error = null;
      say(fill(text.zone_added, { id: name || answer.id }));
      await refreshQuietly();
    } catch (error) {
      refused(error);
    }
  };
  const lift = async (id, button) => {
    button.disabled = true;
    try {
      const answer = await window.muster.call('DELETE', `/hazards/${encodeURIComponent(id)}`,
        { auth: true });
      zones.lifted.push({ id, version: answer.hazards.version });
      zones.error = null;
      say(fill(text.zone_lifted, { id }));
      await refreshQuietly();
    } catch (error) {
      button.disabled = false;
      refused(error);
    }
  };

  const open = () => {
    section = document.createElement('details');
    section.id = 'zones';
    section.className = 'ops-section';
    section.open = true;
    section.innerHTML = `<summary><h3>${escape(text.hazards)}</h3></summary>` +
      '<div class="field">' +
      `<label for="zone-effect">${escape(text.effect)}</label><select id="zone-effect">` +
      `<option value="closed">${escape(text.zone_closed)}</option>` +
      `<option value="slow">${escape(text.zone_slow)}</option></select>` +
      `<label for="zone-factor" class="factor">${escape(text.speed_factor)}</label>` +
      '<input id="zone-factor" class="factor" type="number" min="0.05" max="1" step="0.05" ' +
      'value="0.5"></div>' +
      `<div class="field"><label for="zone-name">${escape(text.zone_name)}</label>` +
      '<input id="zone-name" type="text" maxlength="80"></div>' +
      '<div class="buttons">' +
      `<button type="button" id="zone-draw">${escape(text.draw_zone)}</button>` +
      `<button type="button" id="zone-finish" hidden disabled>${escape(text.finish)}</button>` +
      `<button type="button" id="zone-cancel" hidden>${escape(text.cancel)}</button></div>` +
      '<p id="zone-message" role="status" aria-live="polite"></p><div id="zone-list"></div>';
    document.getElementById('panel').appendChild(section);
    const showFactor = () => {
      for (const element of section.querySelectorAll('.factor')) {
        element.hidden = $('zone-effect').value !== 'slow';
      }
    };
    $('zone-effect').addEventListener('change', showFactor);
    showFactor();
    $('zone-draw').addEventListener('click', startDrawing);
    $('zone-finish').addEventListener('click', finish);
    $('zone-cancel').addEventListener('click', stopDrawing);
    drawList();
  };

  // The section opens with a dispatcher's panel, or a planner's ("muster:zones").
  const followPanel = (event) => {
    if (event.detail) {
      open();
    } else {
      if (zones.drawing) stopDrawing();
      section = null;  // the panel was emptied
    }
  };
  window.addEventListener('muster:dispatcher', followPanel);
  window.addEventListener('muster:zones', followPanel);
  // Everyone's map follows the zones in force.
  window.addEventListener('muster:hazard', refreshQuietly);
  window.muster.loaded.then(refreshQuietly).catch(() => {});
})();
