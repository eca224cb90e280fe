// muster's console: the planner's view, switched with the dispatcher's in the top bar. Townships
// coloured by the share of their people within walking reach of a shelter (GET /townships for the
// areas, GET /coverage's by_township for the figures), shelters coloured by their utilisation
// (GET /coverage's shelters: assigned / capacity) and, for any shelter, hospital or depot, its
// drive-time service area (GET /isochrone?at=KIND:ID&minutes=5,10,15) as bands. All under the
// hazard zones in force, as the service answers, and the demand cells no shelter reaches (GET
// /coverage?cells=uncovered's uncovered_cells) over them. When the zones change
// ("muster:hazards-changed", or the stream's "muster:hazard") the view is computed again if
// shown, else when next shown; each load is announced as "muster:coverage" (its answer in
// detail), for the relief flows (console/relief_flows.js), and each switch of view as
// "muster:view". The state the browser tests read is window.musterConsole.planner.
'use strict';

(function () {
  const { text, fill, escape, map, layers, state, statusLine } = window.muster;
  const MINUTES = [5, 10, 15];
  // ColorBrewer's YlGnBu (sequential, colour-blind safe): share of people covered, by fifths.
  const SHARE_CLASSES = [
    { upto: 0.2, colour: '#ffffcc' }, { upto: 0.4, colour: '#a1dab4' },
    { upto: 0.6, colour: '#41b6c4' }, { upto: 0.8, colour: '#2c7fb8' },
    { upto: 1.0, colour: '#253494' },
  ];
  const NO_DEMAND = '#d9d9d9';
  // Uncovered cells: a magenta (ColorBrewer's PiYG end), apart from the choropleth's yellow to
  // blue for every kind of colour vision.
  const UNCOVERED = '#c51b7d';
  // ColorBrewer's Oranges: a shelter's utilisation, by quarters; closed shelters grey.
  const USE_CLASSES = [
    { upto: 0.25, colour: '#feedde' }, { upto: 0.5, colour: '#fdbe85' },
    { upto: 0.75, colour: '#fd8d3c' }, { upto: 1.0, colour: '#d94701' },
  ];
  // ColorBrewer's Purples: the nearest band darkest, drawn last (on top).
  const BAND_COLOURS = ['#3f007d', '#807dba', '#bcbddc'];
  const KIND_OF_LAYER = { shelters: 'shelter', hospitals: 'hospital', depots: 'depot' };

  const planner = (state.planner = {
    view: 'dispatcher',
    loading: false,
    loads: 0,
    townships: {},      // id: { population, covered, share, colour } from /coverage's by_township
    townships_drawn: 0, // township features drawn (areas and points)
    shelters: {},       // id: { assigned, capacity, utilisation, colour }
    service_area: null, // { at, minutes: [...], bands_drawn, loading }
    cells: null,        // { drawn, population } of the uncovered cells drawn
    hazards: null,      // the hazard version the layers were computed under
    stale: false,       // the zones changed while the view was hidden
    summary: null,
    error: null,
  });

  const classOf = (classes, value) => classes.find((c) => value <= c.upto) || classes.at(-1);
  const percent = (share) => (share * 100).toFixed(1) + '%';
  const getJson = async (path) => {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.message || response.statusText);
    return body;
  };

  const choropleth = L.layerGroup();
  const utilisation = L.layerGroup();
  const bands = L.featureGroup();
  const cells = L.layerGroup();
  map.createPane('townships').style.zIndex = 350;  // under the roads' canvas (overlay pane, 400)
  map.createPane('cells').style.zIndex = 360;
  map.createPane('bands').style.zIndex = 380;

  const townshipPopup = (name, figures) =>
    `<b>${escape(name)}</b><br>${escape(text.population)} ${figures.population}` +
    ` · ${escape(text.covered)} ${figures.covered}<br>${escape(text.share)} ` +
    (figures.share === null ? escape(text.no_demand) : percent(figures.share));

  const drawTownships = (collection, coverage) => {
    for (const t of coverage.by_township) {
      const share = t.population > 0 ? t.covered / t.population : null;
      planner.townships[t.id] = { population: t.population, covered: t.covered, share,
        colour: share === null ? NO_DEMAND : classOf(SHARE_CLASSES, share).colour };
    }
    const geo = L.geoJSON(collection, {
      pane: 'townships',
      style: (feature) => ({
        color: '#555', weight: 0.8, fillOpacity: 0.72,
        fillColor: planner.townships[feature.properties.id]?.colour || NO_DEMAND,
      }),
      pointToLayer: (feature, latlng) => L.circleMarker(latlng, { radius: 7 }),
      onEachFeature: (feature, layer) => {
        const figures = planner.townships[feature.properties.id];
        layer.options.bubblingMouseEvents = false;
        if (figures) layer.bindPopup(townshipPopup(feature.properties.name, figures));
      },
    });
    geo.addTo(choropleth);
    planner.townships_drawn = geo.getLayers().length;
  };

  const cellPopup = (p) =>
    `<b>${escape(text.uncovered_cell)}</b><br>${escape(text.township)} ` +
    `${escape(p.township_name || p.township)}<br>${escape(text.population)} ${p.population}`;

  const drawCells = (collection) => {
    let population = 0;
    const geo = L.geoJSON(collection, {
      pane: 'cells',
      style: { color: '#7a0177', weight: 0.6, fillColor: UNCOVERED, fillOpacity: 0.6 },
      onEachFeature: (feature, layer) => {
        population += feature.properties.population;
        layer.options.bubblingMouseEvents = false;
        layer.bindPopup(cellPopup(feature.properties));
      },
    });
    geo.addTo(cells);
    planner.cells = { drawn: geo.getLayers().length, population };
  };

  const serviceAreaButton = (kind, id, name) =>
    `<br><button type="button" class="service-area-button" data-at="${escape(kind + ':' + id)}"` +
    ` data-name="${escape(name)}">${escape(text.service_area)}</button>`;

  const drawShelters = (shelters, coverage) => {
    const byId = new Map(coverage.shelters.map((s) => [s.id, s]));
    for (const shelter of shelters.shelters) {
      const used = byId.get(shelter.id);
      const colour = used ? classOf(USE_CLASSES, used.utilisation).colour : '#969696';
      if (used) planner.shelters[shelter.id] = { assigned: used.assigned,
        capacity: used.capacity, utilisation: used.utilisation, colour };
      const name = shelter.name || shelter.id;
      L.circleMarker([shelter.location[1], shelter.location[0]], {
        radius: 6, color: '#222', weight: 1.2, fillColor: colour, fillOpacity: 0.95,
        bubblingMouseEvents: false,
      })
        .bindPopup(`<b>${escape(name)}</b><br>` + (used
          ? `${escape(text.assigned)} ${used.assigned} / ${escape(text.capacity)} ` +
            `${used.capacity} · ${escape(text.utilisation)} ${percent(used.utilisation)}`
          : escape(text.closed_shelter)) + serviceAreaButton('shelter', shelter.id, name))
        .addTo(utilisation);
    }
  };

  // The legend of the planner's layers; its service-area part once one is drawn.
  const legend = L.control({ position: 'bottomright' });
  legend.onAdd = () => L.DomUtil.create('div', 'legend planner-legend');
  const swatch = (colour) => `<span class="zone" style="background:${colour};border-color:#555">` +
    '</span>';
  const row = (symbol, label) => `<div class="row">${symbol}<span>${escape(label)}</span></div>`;
  const showLegend = () => {
    const div = legend.getContainer();
    if (!div) return;
    let lower = 0;
    div.innerHTML = (planner.summary ? `<p class="summary">${escape(planner.summary)}</p>` : '') +
      `<h2>${escape(text.coverage_title)}</h2>` +
      `<div class="hint">${escape(text.coverage_share)}</div>` +
      SHARE_CLASSES.map((c) => {
        const label = `${Math.round(lower * 100)}–${Math.round(c.upto * 100)}%`;
        lower = c.upto;
        return row(swatch(c.colour), label);
      }).join('') + row(swatch(NO_DEMAND), text.no_demand) +
      row(swatch(UNCOVERED), planner.cells
        ? fill(text.uncovered_cells_n, { n: planner.cells.drawn, people: planner.cells.population })
        : text.uncovered_cells) +
      `<h2>${escape(text.utilisation_title)}</h2>` + (() => {
        let from = 0;
        return USE_CLASSES.map((c) => {
          const label = `${Math.round(from * 100)}–${Math.round(c.upto * 100)}%`;
          from = c.upto;
          return row(`<span class="dot" style="background:${c.colour}"></span>`, label);
        }).join('');
      })() + row('<span class="dot" style="background:#969696"></span>', text.closed_shelter) +
      (planner.service_area && planner.service_area.minutes.length
        ? `<h2>${escape(text.service_area_title)}</h2>` + planner.service_area.minutes.map(
          (n, i) => row(swatch(BAND_COLOURS[i] || BAND_COLOURS.at(-1)),
            fill(text.within_minutes, { n }))).join('')
        : '');
  };

  // The townships faded under the bands, which would otherwise mix with their colours.
  const fadeTownships = () =>
    choropleth.eachLayer((geo) => geo.setStyle({ fillOpacity: 0.06, opacity: 0.35 }));

  const showServiceArea = async (at, name) => {
    map.closePopup();
    const request = (planner.service_area = { at, name, minutes: [], bands_drawn: 0,
      loading: true });
    bands.clearLayers();
    try {
      const answer = await getJson(`/isochrone?at=${encodeURIComponent(at)}` +
        `&minutes=${MINUTES.join(',')}`);
      if (planner.service_area !== request) return;  // another was asked for since
      // Largest first, so that the nearer bands are drawn over it.
      answer.bands.map((band, i) => ({ band, i })).reverse().forEach(({ band, i }) => {
        L.geoJSON(band.area, {
          pane: 'bands', interactive: false,
          style: { stroke: false, fillOpacity: 0.7,
            fillColor: BAND_COLOURS[i] || BAND_COLOURS.at(-1) },
        }).addTo(bands);
      });
      fadeTownships();
      if (bands.getLayers().length && bands.getBounds().isValid()) {
        map.fitBounds(bands.getBounds(), { padding: [20, 20], animate: false });
      }
      request.minutes = answer.bands.map((band) => band.minutes);
      request.bands_drawn = bands.getLayers().length;
      statusLine.textContent = fill(text.service_area_of, { name });
    } catch (error) {
      planner.error = `${at}: ${error.message}`;
      statusLine.textContent = fill(text.failed, { what: text.service_area, why: error.message });
    } finally {
      request.loading = false;
      showLegend();
    }
  };

  // "Service area" in the popups of the map's hospitals and depots (console/console.js), and of
  // the planner's shelters.
  map.on('popupopen', (event) => {
    if (planner.view !== 'planner') return;
    const content = event.popup.getElement().querySelector('.leaflet-popup-content');
    const source = event.popup._source;
    const facility = source && source.options.facility;
    if (facility && !content.querySelector('.service-area-button')) {
      // Not update(): it would set the popup's content afresh, without the button.
      content.insertAdjacentHTML('beforeend', serviceAreaButton(KIND_OF_LAYER[facility.kind],
        facility.id, facility.name));
    }
    const button = content.querySelector('.service-area-button');
    if (button) button.addEventListener('click', () =>
      showServiceArea(button.dataset.at, button.dataset.name));
  });

  const load = async () => {
    planner.loading = true;
    statusLine.textContent = text.planner_loading;
    try {
      const [townships, coverage, shelters] = await Promise.all(
        ['/townships', '/coverage?cells=uncovered', '/shelters'].map(getJson));
      // The layers of an earlier load leave only now, so that the map is never empty between.
      for (const layer of [choropleth, cells, utilisation]) layer.clearLayers();
      planner.townships = {};
      planner.shelters = {};
      drawTownships(townships, coverage);
      if (bands.getLayers().length) fadeTownships();
      drawCells(coverage.uncovered_cells);
      drawShelters(shelters, coverage);
      planner.hazards = coverage.hazards.version;
      planner.error = null;
      planner.loads += 1;
      window.dispatchEvent(new CustomEvent('muster:coverage', { detail: coverage }));
      const share = coverage.population > 0 ? coverage.covered / coverage.population : 0;
      planner.summary = fill(text.planner_summary, { covered: coverage.covered,
        population: coverage.population, share: percent(share),
        townships: planner.townships_drawn });
      statusLine.textContent = planner.summary;
      showLegend();
    } catch (error) {
      planner.error = error.message;
      statusLine.textContent = fill(text.failed, { what: text.coverage_title, why: error.message });
    } finally {
      planner.loading = false;
    }
  };

  // One load at a time: zones changed during one load it again after it.
  let again = false;
  const reload = async () => {
    if (planner.loading) {
      again = true;
      return;
    }
    planner.stale = false;
    await load();
    if (again) {
      again = false;
      await reload();
    }
  };

  // A zone posted or lifted: coverage (and so the cells, the shelters' loads and the relief
  // flows) changes with it. The service puts a zone in force before it tells of it, so the
  // answer asked now is under it.
  const followZones = () => {
    if (planner.view !== 'planner') {
      if (planner.loads) planner.stale = true;
      return;
    }
    reload();
  };
  window.addEventListener('muster:hazards-changed', followZones);
  window.addEventListener('muster:hazard', followZones);

  // The switch: the planner's layers replace the shelters' and teams' markers.
  const setView = (view) => {
    planner.view = view;
    document.body.classList.toggle('view-planner', view === 'planner');
    for (const button of document.querySelectorAll('#views button')) {
      button.setAttribute('aria-pressed', String(button.dataset.view === view));
    }
    if (view === 'planner') {
      layers.shelters.remove();
      layers.teams.remove();
      for (const layer of [choropleth, cells, bands, utilisation]) layer.addTo(map);
      legend.addTo(map);
      showLegend();
      if ((!planner.loads || planner.stale) && !planner.loading) reload();
    } else {
      for (const layer of [choropleth, cells, bands, utilisation]) layer.remove();
      legend.remove();
      layers.shelters.addTo(map);
      layers.teams.addTo(map);
    }
    map.invalidateSize();
    window.dispatchEvent(new CustomEvent('muster:view', { detail: view }));
  };

  const switcher = document.createElement('div');
  switcher.id = 'views';
  switcher.setAttribute('role', 'group');
  switcher.setAttribute('aria-label', text.views);
  switcher.innerHTML = ['dispatcher', 'planner'].map((view) =>
    `<button type="button" data-view="${view}" aria-pressed="${view === 'dispatcher'}">` +
    `${escape(text['view_' + view])}</button>`).join('');
  document.getElementById('bar').insertBefore(switcher, document.getElementById('session'));
  for (const button of switcher.querySelectorAll('button')) {
    button.addEventListener('click', () => setView(button.dataset.view));
  }
  window.muster.view = () => planner.view;
})();
