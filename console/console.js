// muster's console: the map. Draws the drive network's roads of the view (GET /map/roads, again
// after every move), shelters, hospitals, depots, teams (coloured by status) and hazard zones from
// the service that serves the page, with a layer switch, a legend and a scale. No tiles and no
// other site: the page works offline. Every label is in MESSAGES; Chinese where the browser asks
// for it. The state the browser tests read is window.musterConsole; what the other scripts of the
// page (console/live.js, console/dispatch.js) build on is window.muster, set here.
'use strict';

(function () {
  const MESSAGES = window.MUSTER_MESSAGES;  // console/messages.js
  const lang = (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
  const text = MESSAGES[lang];
  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));

  // Colours safe for colour-blind readers (Okabe and Ito's palette), one per team status.
  const STATUS_COLOURS = {
    available: '#009e73', busy: '#f0e442', dispatched: '#e69f00', on_scene: '#d55e00',
    transporting: '#cc79a7', at_hospital: '#56b4e9', out_of_service: '#999999',
  };
  // Roads by rank (tools/app/road_map_query.hpp): 0 motorway … 9 road, 10 unknown.
  const roadStyle = (rank, roadClass) => {
    if (roadClass === 'ferry') return { color: '#3d7ab8', weight: 2, dashArray: '6 5' };
    if (rank <= 2) return { color: '#3c3c3c', weight: 4 - rank * 0.5 };
    if (rank <= 4) return { color: '#6a6a6a', weight: 2.2 };
    return { color: '#a3a3a3', weight: 1.1 };
  };

  // What the browser tests read (tests/console/map_loads.mjs).
  const state = (window.musterConsole = {
    lang,
    ready: false,
    counts: { teams: 0, shelters: 0, hospitals: 0, depots: 0, hazards: 0 },
    roads: { url: null, features: 0, drawn: 0, truncated: false, loading: false, loads: 0 },
    errors: [],
  });

  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = text.title;
  document.getElementById('title').textContent = text.title;
  const statusLine = document.getElementById('status');
  statusLine.textContent = text.loading;

  // Leaflet's controls carry English titles: each is given the page's own.
  const map = L.map('map', { preferCanvas: false, zoomControl: false, minZoom: 2 });
  L.control.zoom({ zoomInTitle: text.zoom_in, zoomOutTitle: text.zoom_out }).addTo(map);
  map.getContainer().setAttribute('aria-label', text.map_label);
  map.setView([0, 0], 2);
  const canvas = L.canvas({ padding: 0.2 });  // the many road lines draw on one canvas
  // Teams above the facilities' symbols: they are what a dispatcher looks for.
  map.createPane('teams').style.zIndex = 650;

  const layers = {
    roads: L.layerGroup(),
    hazards: L.layerGroup(),
    shelters: L.layerGroup(),
    hospitals: L.layerGroup(),
    depots: L.layerGroup(),
    teams: L.layerGroup(),
  };
  for (const layer of Object.values(layers)) layer.addTo(map);

  const getJson = async (path) => {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.message || response.statusText);
    return body;
  };
  const failed = (what, error) => {
    state.errors.push(what + ': ' + error.message);
    statusLine.textContent = fill(text.failed, { what, why: error.message });
  };
  const escape = (value) =>
    String(value ?? '').replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
  const latLng = (item) => [item.location[1], item.location[0]];
  const facilityIcon = (kind, size, glyph) =>
    L.divIcon({ className: '', html: `<div class="mk mk-${kind}" style="width:${size}px;` +
      `height:${size}px">${glyph}</div>`, iconSize: [size, size] });
  const icons = {
    shelters: facilityIcon('shelter', 9, ''),
    hospitals: facilityIcon('hospital', 17, '+'),
    depots: facilityIcon('depot', 11, ''),
  };

  const drawFacilities = (kind, items, describe) => {
    for (const item of items) {
      // `facility`: what the planner's view (console/planner.js) asks a service area of.
      L.marker(latLng(item), { icon: icons[kind], title: item.name || item.id, keyboard: true,
        facility: { kind, id: item.id, name: item.name || item.id } })
        .bindPopup(`<b>${escape(item.name || item.id)}</b><br>${describe(item)}`)
        .addTo(layers[kind]);
    }
    state.counts[kind] = layers[kind].getLayers().length;
  };

  // The teams' markers by id: the live updates recolour and move them.
  const teamMarkers = new Map();
  const teamTooltip = (team) =>
    `${escape(team.name || team.id)} — ${escape(text.status[team.status] || team.status)}`;
  const teamNames = new Map();  // id → name: what the tables of teams show
  const drawTeams = (teams) => {
    for (const team of teams) {
      teamNames.set(team.id, team.name || team.id);
      const marker = L.circleMarker(latLng(team), {
        pane: 'teams', radius: 6, color: '#222', weight: 1.2,
        fillColor: STATUS_COLOURS[team.status] || '#000000', fillOpacity: 0.95,
      })
        .bindTooltip(teamTooltip(team))
        .addTo(layers.teams);
      teamMarkers.set(team.id, marker);
    }
    state.counts.teams = layers.teams.getLayers().length;
  };
  /// A team as it is now (GET /teams/{id}'s form): its marker takes its status and position.
  const showTeam = (team) => {
    const marker = teamMarkers.get(team.id);
    if (!marker) return false;  // a team the page never listed: drawn at the next load
    marker.setStyle({ fillColor: STATUS_COLOURS[team.status] || '#000000' });
    marker.setLatLng(latLng(team));
    marker.setTooltipContent(teamTooltip(team));
    // Teams often share a station: the one that changed is drawn over those that did not.
    if (marker.getElement()) marker.bringToFront();
    return true;
  };

  /// The zones in force (GET /hazards' answer), replacing those drawn.
  const drawHazards = (collection) => {
    layers.hazards.clearLayers();
    const geo = L.geoJSON(collection, {
      style: (feature) => {
        const closed = feature.properties.effect === 'closed';
        return {
          color: closed ? '#b2182b' : '#e08214', weight: 1.5, fillOpacity: 0.18,
          dashArray: closed ? null : '5 4',
        };
      },
      onEachFeature: (feature, layer) => layer.bindTooltip(
        `${escape(feature.properties.name || feature.properties.id)} (${escape(
          feature.properties.effect === 'closed' ? text.zone_closed : text.zone_slow)})`),
    });
    geo.addTo(layers.hazards);
    state.counts.hazards = geo.getLayers().length;
  };

  // The roads of the view: one request per move, the answer of the last one drawn.
  let roadRequest = 0;
  const roadsUrl = () => {
    const b = map.getBounds();
    const clamp = (v, limit) => Math.max(-limit, Math.min(limit, v));
    const box = [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180),
      clamp(b.getNorth(), 90)].map((v) => v.toFixed(6));
    // Zoomed out, the minor roads would be a grey smear: only tertiary and up.
    const minClass = map.getZoom() < 12 ? '&min_class=tertiary' : '';
    // Lines simplified within half a pixel of the view's centre (whole metres): the service
    // keeps levels for zoom 11 to 13, and sends every point closer in.
    const centre = map.getSize().divideBy(2);
    const pixel = map.distance(map.containerPointToLatLng(centre),
      map.containerPointToLatLng(centre.add([1, 0])));
    const tolerance = Math.min(1000, Math.floor(pixel / 2));
    return '/map/roads?bbox=' + box.join(',') + minClass + '&tolerance_m=' + tolerance;
  };
  /// The roads of an answer as few canvas paths: each run of pieces of one style (the answer is
  /// sorted by rank) becomes one polyline of many parts. The same lines, in the same order, as
  /// one layer a piece, but the canvas strokes a dozen paths instead of thousands and Leaflet
  /// keeps a dozen layers: the map of a whole county draws in a fraction of the time.
  const roadLines = (collection) => {
    const runs = [];
    let run = null;
    for (const feature of collection.features) {
      const geometry = feature.geometry;
      if (!geometry) continue;
      const parts = geometry.type === 'LineString' ? [geometry.coordinates]
        : geometry.type === 'MultiLineString' ? geometry.coordinates : [];
      const style = roadStyle(feature.properties.rank, feature.properties.class);
      const key = `${style.color} ${style.weight} ${style.dashArray || ''}`;
      if (!run || run.key !== key) runs.push(run = { key, style, parts: [], pieces: 0 });
      for (const part of parts) run.parts.push(L.GeoJSON.coordsToLatLngs(part));
      run.pieces += 1;
    }
    const lines = runs.map((r) => L.polyline(r.parts,
      { ...r.style, renderer: canvas, interactive: false }));
    return { lines, pieces: runs.reduce((n, r) => n + r.pieces, 0) };
  };
  const loadRoads = async () => {
    const url = roadsUrl();
    const request = ++roadRequest;
    state.roads.loading = true;
    try {
      const collection = await getJson(url);
      if (request !== roadRequest) return;  // a later move asked again
      layers.roads.clearLayers();
      const { lines, pieces } = roadLines(collection);
      for (const line of lines) line.addTo(layers.roads);
      state.roads = {
        url, features: collection.features.length, drawn: pieces,
        truncated: collection.truncated === true, loading: false, loads: state.roads.loads + 1,
      };
      showSummary();
    } catch (error) {
      if (request === roadRequest) state.roads.loading = false;
      failed(text.roads, error);
    }
  };

  // The planner's view (console/planner.js, body.view-planner) has its own line: the roads
  // loaded under it leave that alone, and leaving it brings the map's back.
  const inPlannerView = () => document.body.classList.contains('view-planner');
  const showSummary = () => {
    if (state.errors.length || inPlannerView()) return;
    statusLine.textContent = fill(text.summary, { ...state.counts, roads: state.roads.drawn }) +
      (state.roads.truncated ? text.truncated : '');
  };
  let wasPlannerView = false;
  new MutationObserver(() => {
    if (wasPlannerView && !inPlannerView() && state.ready) showSummary();
    wasPlannerView = inPlannerView();
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });

  const addControls = () => {
    const layerSwitch = L.control.layers(null, {
      [text.roads]: layers.roads,
      [text.hazards]: layers.hazards,
      [text.shelters]: layers.shelters,
      [text.hospitals]: layers.hospitals,
      [text.depots]: layers.depots,
      [text.teams]: layers.teams,
    }, { collapsed: false, position: 'topright' }).addTo(map);
    layerSwitch.getContainer().querySelector('.leaflet-control-layers-toggle')
      ?.setAttribute('title', text.layer_switch);
    map.attributionControl.setPrefix(L.Control.Attribution.prototype.options.prefix.replace(
      /title="[^"]*"/, `title="${escape(text.map_library)}"`));
    L.control.scale({ metric: true, imperial: false, position: 'bottomleft' }).addTo(map);
    const legend = L.control({ position: 'bottomright' });
    legend.onAdd = () => {
      const div = L.DomUtil.create('div', 'legend');
      const line = (style) => `<span class="line" style="border-top:${style.weight}px ` +
        `${style.dashArray ? 'dashed' : 'solid'} ${style.color}"></span>`;
      const row = (symbol, label) => `<div class="row">${symbol}<span>${escape(label)}</span></div>`;
      div.innerHTML = `<h2>${escape(text.road_classes)}</h2>` +
        row(line(roadStyle(2, 'primary')), text.major) +
        row(line(roadStyle(4, 'tertiary')), text.secondary) +
        row(line(roadStyle(6, 'residential')), text.minor) +
        row(line(roadStyle(4, 'ferry')), text.ferry) +
        `<h2>${escape(text.facilities)}</h2>` +
        row('<span class="mk mk-shelter" style="width:11px;height:11px"></span>', text.shelters) +
        row('<span class="mk mk-hospital" style="width:15px;height:15px">+</span>',
          text.hospitals) +
        row('<span class="mk mk-depot" style="width:9px;height:9px"></span>', text.depots) +
        `<h2>${escape(text.team_status)}</h2>` +
        Object.entries(STATUS_COLOURS).map(([status, colour]) => row(
          `<span class="dot" style="background:${colour}"></span>`, text.status[status])).join('') +
        `<h2>${escape(text.hazards)}</h2>` +
        row('<span class="zone" style="border-color:#b2182b;background:#b2182b2e"></span>',
          text.zone_closed) +
        row('<span class="zone" style="border-color:#e08214;border-style:dashed;' +
          'background:#e082142e"></span>', text.zone_slow);
      return div;
    };
    legend.addTo(map);
  };

  let teamsVersion = 0;  // the state version the teams were drawn at
  const load = async () => {
    addControls();
    const [teams, shelters, hospitals, depots, hazards] = await Promise.all(
      ['/teams', '/shelters', '/hospitals', '/depots', '/hazards'].map((path) =>
        getJson(path).catch((error) => {
          failed(path, error);
          return null;
        })));
    // The data's extent (every point and zone) first, and the roads of its view asked at once:
    // the markers are drawn while the service answers, and once, at their place in that view.
    if (hazards) drawHazards(hazards);
    const extent = L.latLngBounds([]);
    layers.hazards.eachLayer((layer) => extent.extend(layer.getBounds()));
    for (const list of [shelters?.shelters, hospitals?.hospitals, depots?.depots, teams?.teams]) {
      for (const item of list || []) extent.extend(latLng(item));
    }
    if (extent.isValid()) map.fitBounds(extent, { padding: [24, 24], animate: false });
    const roads = loadRoads();
    map.on('moveend', loadRoads);
    // The roads' canvas made at this view while they are on their way, not once they are here.
    canvas.addTo(map);

    if (shelters) drawFacilities('shelters', shelters.shelters, (s) =>
      `${text.capacity} ${s.capacity} · ${text.occupancy} ${s.occupancy} · ` +
      escape(text.shelter_status[s.status] || s.status));
    if (hospitals) drawFacilities('hospitals', hospitals.hospitals, (h) =>
      `${text.beds} ${h.beds_red}/${h.beds_yellow}/${h.beds_green}`);
    if (depots) drawFacilities('depots', depots.depots, (d) =>
      `${text.tier} ${escape(text.tiers[d.tier] || d.tier)}`);
    if (teams) {
      drawTeams(teams.teams);
      teamsVersion = teams.state.version;
    }
    await roads;
    state.ready = true;
    showSummary();
  };

  // For the browser tests: where a point is drawn, in pixels of the page, and the fill a team's
  // marker shows. Not enumerable: the tests read the state as plain data.
  Object.defineProperty(state, 'pixelOf', {
    value: (lon, lat) => {
      const point = map.latLngToContainerPoint([lat, lon]);
      const box = map.getContainer().getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y };
    },
  });
  Object.defineProperty(state, 'teamFill', {
    value: (id) => {
      const marker = teamMarkers.get(id);
      const element = marker && marker.getElement();
      return element ? element.getAttribute('fill') : null;
    },
  });

  const loaded = load();
  loaded.catch((error) => failed('console', error));

  // What the other scripts of the page build on.
  window.muster = {
    text, lang, fill, escape, map, layers, state, statusLine,
    STATUS_COLOURS, showTeam, drawHazards,
    /// A team's name as GET /teams lists it (its id for a team the page never listed).
    teamName: (id) => teamNames.get(id) || id,
    /// Resolves once the map has drawn its layers, with the state version of its teams.
    loaded: loaded.then(() => teamsVersion),
  };
})();
