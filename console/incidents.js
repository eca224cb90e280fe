// muster's console: the dispatcher's incident list. GET /incidents, newest first: id, kind,
// status, the time it was recorded and the teams sent; asked again on every incident event of the
// stream, so that an incident recorded or changed anywhere shows without a reload. An open
// incident has a "Close" button (POST /incidents/{id}/close). The state the browser tests read
// is window.musterConsole.incidents.
'use strict';

(function () {
  const { text, fill, escape, state } = window.muster;

  const incidents = (state.incidents = {
    list: [],        // GET /incidents' incidents, as answered
    loads: 0,
    closed: [],      // the ids this page closed
    message: null,
    error: null,     // { status, code, message } of the last refusal
  });

  let section = null;
  const $ = (id) => document.getElementById(id);
  const say = (message, isError) => {
    incidents.message = message;
    if (!section) return;
    $('incident-message').textContent = message || '';
    $('incident-message').className = isError ? 'error' : 'done';
  };
  /// A time of the service (UTC, ISO 8601) as the reader's local hour and minute.
  const clock = (iso) => new Date(iso).toLocaleTimeString(document.documentElement.lang,
    { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

  const drawList = () => {
    if (!section) return;
    const box = $('incident-list');
    if (!incidents.list.length) {
      box.innerHTML = `<p class="hint">${escape(text.no_incidents)}</p>`;
      return;
    }
    const rows = [...incidents.list].reverse().map((incident) => {
      const open = incident.status === 'open';
      // The teams sent by name, their ids in the cell's title.
      const sent = (incident.dispatches || []).map((d) => d.team);
      const teams = sent.map(window.muster.teamName).join(', ');
      const action = open
        ? `<button type="button" class="close-button" data-incident="${escape(incident.id)}" ` +
          `aria-label="${escape(fill(text.close_incident, { id: incident.id }))}">` +
          `${escape(text.close)}</button>` : '';
      return `<tr data-incident="${escape(incident.id)}" class="${open ? '' : 'closed'}">` +
        `<td>${escape(incident.id)}</td>` +
        `<td>${escape(text.incident_kinds[incident.kind] || incident.kind)}</td>` +
        `<td class="incident-status">${escape(text.incident_status[incident.status] ||
          incident.status)}</td>` +
        `<td class="num">${escape(clock(incident.created_time))}</td>` +
        `<td title="${escape(sent.join(', '))}">${escape(teams || '—')}</td>` +
        `<td>${action}</td></tr>`;
    });
    box.innerHTML = `<table class="teams incidents"><thead><tr>` +
      `<th>${escape(text.incident_kind)}</th><th>${escape(text.kind)}</th>` +
      `<th>${escape(text.incident_state)}</th><th>${escape(text.created)}</th>` +
      `<th>${escape(text.teams)}</th><th></th></tr></thead><tbody>${rows.join('')}</tbody>` +
      '</table>';
    for (const button of box.querySelectorAll('.close-button')) {
      button.addEventListener('click', () => close(button.dataset.incident, button));
    }
  };

  let request = 0;
  const refresh = async () => {
    const mine = ++request;
    try {
      const answer = await window.muster.call('GET', '/incidents');
      if (mine !== request) return;
      incidents.list = answer.incidents;
      incidents.loads += 1;
      drawList();
    } catch (error) {
      if (mine === request) say(fill(text.refused, { why: error.message }), true);
    }
  };

  const close = async (id, button) => {
    button.disabled = true;
    try {
      await window.muster.call('POST', `/incidents/${encodeURIComponent(id)}/close`,
        { auth: true });
      incidents.closed.push(id);
      incidents.error = null;
      say(fill(text.incident_closed, { id }));
      await refresh();
    } catch (error) {
      button.disabled = false;
      incidents.error = { status: error.status, code: error.code, message: error.message };
      say(fill(text.refused, { why: error.message }), true);
    }
  };

  window.addEventListener('muster:dispatcher', (event) => {
    if (!event.detail) {
      section = null;  // the panel was emptied
      return;
    }
    section = document.createElement('details');
    section.id = 'incidents';
    section.className = 'ops-section';
    section.open = true;
    section.innerHTML = `<summary><h3>${escape(text.incidents_title)}</h3></summary>` +
      '<p id="incident-message" role="status" aria-live="polite"></p>' +
      '<div id="incident-list"></div>';
    $('panel').appendChild(section);
    refresh();
  });
  window.addEventListener('muster:incident', () => {
    if (section) refresh();
  });
})();
