// muster's console: relief flows in the planner's view. "Relief flows" asks POST /allocate for
// the people coverage assigned to each shelter (GET /coverage's shelters[].assigned, as
// {"to": "shelters", "days": 3, "persons": [...]}; no token needed, it changes nothing) and draws
// each shipment as a line from its depot (GET /depots) to its shelter. Items come in different
// units (litres, kilograms, pieces), so quantities are not summed: one item is shown at a time,
// chosen in the panel, a line per shipment of it, its width by quantity (by the square root, the
// largest 12 px). Each shelter the plan serves is ringed in the colour of its fill rate, the
// lowest over its items. The panel lists each item's demand, delivered and unmet amount. The
// flows follow coverage: a new coverage answer (hazards changed, "muster:coverage") plans them
// again while they are shown. The state the browser tests read is
// window.musterConsole.planner.flows.
'use strict';

(function () {
  const { text, fill, escape, map, state } = window.muster;
  const DAYS = 3;
  const MAX_WIDTH_PX = 12;
  const LINE = '#01665e';  // ColorBrewer's BrBG dark teal: apart from the rings and the cells
  // Viridis (colour-blind safe), a shelter's lowest fill rate over its items.
  const FILL_CLASSES = [
    { below: 0.5, colour: '#440154', label: '0–50%' },
    { below: 0.9, colour: '#31688e', label: '50–90%' },
    { below: 1 - 1e-9, colour: '#35b779', label: '90–100%' },
    { below: Infinity, colour: '#fde725', label: '100%' },
  ];

  const flows = (state.planner.flows = {
    shown: false,
    loading: false,
    loads: 0,
    item: null,        // the item drawn
    items: [],         // { item, unit, demand, delivered, unmet, min_fill_rate }
    shipments: 0,      // of every item, in POST /allocate's answer
    lines: [],         // { depot, destination, item, quantity } of each line drawn
    shelters: {},      // id: { fill_rate, colour } of each shelter with a demand
    persons: 0,        // persons planned for
    hazards: null,     // the hazard version the plan was made under
    error: null,
  });

  let coverage = null;  // the last GET /coverage answer of the planner's view
  let answer = null;    // the last POST /allocate answer
  let depots = null;    // id: [lon, lat]
  const lines = L.layerGroup();
  const rings = L.layerGroup();
  map.createPane('flows').style.zIndex = 390;  // over the bands, under the markers

  const fillClass = (rate) => FILL_CLASSES.find((c) => rate < c.below);
  const percent = (share) => (share * 100).toFixed(1) + '%';
  const amount = (n) => Number(n.toFixed(3)).toLocaleString();
  const askJson = async (path, body) => {
    const response = await fetch(path, body === undefined
      ? { headers: { Accept: 'application/json' } }
      : { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body) });
    const json = await response.json();
    if (!response.ok) throw new Error(json.message || response.statusText);
    return json;
  };

  const panel = L.control({ position: 'bottomleft' });
  panel.onAdd = () => {
    const div = L.DomUtil.create('div', 'flows-panel');
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };

  const unitOf = (item) => flows.items.find((i) => i.item === item)?.unit || '';
  const widthOf = (quantity, largest) =>
    largest > 0 ? Math.max(1.5, MAX_WIDTH_PX * Math.sqrt(quantity / largest)) : 1.5;

  const drawLines = () => {
    lines.clearLayers();
    flows.lines = [];
    if (!answer || !flows.item) return;
    const shown = answer.shipments.filter((s) => s.item === flows.item && depots[s.depot]);
    const largest = Math.max(0, ...shown.map((s) => s.quantity));
    const places = new Map(answer.destinations.map((d) => [d.id, d]));
    for (const s of shown) {
      const [dlon, dlat] = depots[s.depot];
      const [slon, slat] = places.get(s.destination).location;
      L.polyline([[dlat, dlon], [slat, slon]], {
        pane: 'flows', color: LINE, opacity: 0.75, weight: widthOf(s.quantity, largest),
        lineCap: 'butt', bubblingMouseEvents: false,
      })
        .bindPopup(`<b>${escape(s.depot)} → ${escape(places.get(s.destination).name ||
          s.destination)}</b><br>${escape(s.item)} ${amount(s.quantity)} ${escape(unitOf(s.item))}` +
          `<br>${escape(fill(text.flow_hours, { n: (s.duration_s / 3600).toFixed(2) }))}` +
          (s.late ? ` · ${escape(text.flow_late)}` : ''))
        .addTo(lines);
      flows.lines.push({ depot: s.depot, destination: s.destination, item: s.item,
        quantity: s.quantity });
    }
  };

  const drawRings = () => {
    rings.clearLayers();
    flows.shelters = {};
    if (!answer) return;
    for (const d of answer.destinations) {
      const rates = Object.values(d.fill).filter((f) => f.demand > 0).map((f) => f.fill_rate);
      if (!rates.length) continue;
      const rate = Math.min(...rates);
      const colour = fillClass(rate).colour;
      flows.shelters[d.id] = { fill_rate: rate, colour };
      const unmet = Object.entries(d.fill).filter(([, f]) => f.delivered < f.demand - 1e-9);
      L.circleMarker([d.location[1], d.location[0]], {
        pane: 'flows', radius: 11, fill: false, color: colour, weight: 4, opacity: 0.95,
        bubblingMouseEvents: false,
      })
        .bindPopup(`<b>${escape(d.name || d.id)}</b><br>${escape(text.flow_fill_rate)} ` +
          `${percent(rate)}` + (d.persons !== undefined
          ? `<br>${escape(fill(text.flow_persons, { n: d.persons }))}` : '') +
          unmet.map(([item, f]) => `<br>${escape(item)}: ${escape(text.flow_unmet)} ` +
            `${amount(f.demand - f.delivered)} ${escape(unitOf(item))}`).join(''))
        .addTo(rings);
    }
  };

  const row = (symbol, label) => `<div class="row">${symbol}<span>${escape(label)}</span></div>`;
  const showPanel = () => {
    const div = panel.getContainer();
    if (!div) return;
    const button = `<button type="button" id="flows-toggle" aria-pressed="${flows.shown}">` +
      `${escape(text.relief_flows)}</button>`;
    if (!flows.shown) {
      div.innerHTML = button;
      return;
    }
    if (flows.loading && !answer) {
      div.innerHTML = button + `<p class="hint">${escape(text.flows_loading)}</p>`;
      return;
    }
    if (flows.error) {
      div.innerHTML = button + `<p class="hint">${escape(fill(text.failed,
        { what: text.relief_flows, why: flows.error }))}</p>`;
      return;
    }
    const shown = flows.lines.map((l) => l.quantity);
    const largest = Math.max(0, ...shown);
    const unit = unitOf(flows.item);
    const bar = (q) => `<span class="line" style="height:${widthOf(q, largest).toFixed(1)}px;` +
      `background:${LINE};opacity:0.75"></span>`;
    const ring = (colour) => '<span class="dot" style="background:transparent;' +
      `box-shadow:inset 0 0 0 3px ${colour}"></span>`;
    div.innerHTML = button +
      `<p class="summary">${escape(fill(text.flows_summary, { persons: flows.persons,
        days: DAYS, shipments: flows.shipments }))}</p>` +
      `<label>${escape(text.flow_item)} <select id="flows-item">` +
      flows.items.map((i) => `<option value="${escape(i.item)}"` +
        `${i.item === flows.item ? ' selected' : ''}>${escape(i.item)}</option>`).join('') +
      '</select></label>' +
      `<h2>${escape(fill(text.flow_lines, { item: flows.item || '', n: flows.lines.length }))}</h2>` +
      (largest > 0 ? row(bar(largest), `${amount(largest)} ${unit}`) +
        row(bar(largest / 4), `${amount(largest / 4)} ${unit}`) : '') +
      `<h2>${escape(text.flow_fill_title)}</h2>` +
      FILL_CLASSES.map((c) => row(ring(c.colour), c.label)).join('') +
      '<table class="flows-items">' +
      `<tr><th>${escape(text.flow_item)}</th><th>${escape(text.flow_demand)}</th>` +
      `<th>${escape(text.flow_unmet)}</th><th>${escape(text.flow_min_fill)}</th></tr>` +
      flows.items.map((i) => `<tr${i.unmet > 1e-9 ? ' class="unmet"' : ''}>` +
        `<td>${escape(i.item)}</td><td>${amount(i.demand)} ${escape(i.unit)}</td>` +
        `<td>${amount(i.unmet)}</td><td>${percent(i.min_fill_rate)}</td></tr>`).join('') +
      '</table>';
  };

  // The plan for the people coverage assigned, under the zones of that coverage answer.
  const plan = async () => {
    if (!coverage) return;
    const asked = coverage;
    flows.loading = true;
    showPanel();
    try {
      const persons = asked.shelters.filter((s) => s.assigned > 0)
        .map((s) => ({ destination: s.id, persons: s.assigned }));
      const [allocation, depotList] = await Promise.all([
        askJson('/allocate', { to: 'shelters', days: DAYS, persons }),
        depots ? null : askJson('/depots')]);
      if (asked !== coverage) return;  // a newer coverage answer came meanwhile
      if (depotList) depots = Object.fromEntries(depotList.depots.map((d) => [d.id, d.location]));
      answer = allocation;
      flows.items = allocation.items.map((i) => ({ item: i.item, unit: i.unit, demand: i.demand,
        delivered: i.delivered, unmet: Math.max(0, i.demand - i.delivered),
        min_fill_rate: i.min_fill_rate }));
      if (!flows.items.some((i) => i.item === flows.item)) {
        flows.item = flows.items.length ? flows.items[0].item : null;
      }
      flows.shipments = allocation.shipments.length;
      flows.persons = persons.reduce((sum, p) => sum + p.persons, 0);
      flows.hazards = asked.hazards.version;
      flows.error = null;
      drawLines();
      drawRings();
      flows.loads += 1;
    } catch (error) {
      flows.error = error.message;
    } finally {
      if (asked === coverage || !flows.shown) flows.loading = false;
      showPanel();
    }
  };

  const show = (on) => {
    flows.shown = on;
    if (on) {
      lines.addTo(map);
      rings.addTo(map);
      plan();
    } else {
      lines.remove();
      rings.remove();
      showPanel();
    }
  };

  // The panel's button and item list (its content is drawn afresh, so delegated).
  const onPanel = (event) => {
    if (event.target.id === 'flows-toggle') show(!flows.shown);
  };
  const onChange = (event) => {
    if (event.target.id !== 'flows-item') return;
    flows.item = event.target.value;
    drawLines();
    showPanel();
  };

  window.addEventListener('muster:coverage', (event) => {
    coverage = event.detail;
    if (flows.shown) plan();
  });
  window.addEventListener('muster:view', (event) => {
    if (event.detail === 'planner') {
      panel.addTo(map);
      const div = panel.getContainer();
      div.addEventListener('click', onPanel);
      div.addEventListener('change', onChange);
      if (flows.shown) {
        lines.addTo(map);
        rings.addTo(map);
      }
      showPanel();
    } else {
      panel.remove();
      lines.remove();
      rings.remove();
    }
  });
})();
