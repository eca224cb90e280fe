// muster's console: live updates. Follows GET /events/stream from the state version the teams were
// drawn at, so that no change made between the page's load and the stream's start is missed; a
// team event recolours and moves that team's marker, without a reload. EventSource reconnects by
// itself and resumes after the last event it read (Last-Event-ID). Other scripts hear each team
// change as a "muster:team" event of the window, and each
// other change as "muster:KIND" (incident, hazard, ...).
'use strict';

(function () {
  const { state, showTeam, text } = window.muster;
  // events: the stream's events read; applied: team events drawn on the map.
  state.live = { connected: false, events: 0, applied: 0, last_seq: 0 };
  const mark = document.getElementById('live');
  const show = (connected) => {
    state.live.connected = connected;
    mark.textContent = connected ? text.live : text.live_lost;
    mark.className = 'live ' + (connected ? 'on' : 'off');
  };

  window.muster.loaded.then((version) => {
    const source = new EventSource('/events/stream?since=' + encodeURIComponent(version));
    source.onopen = () => show(true);
    source.onerror = () => show(false);
    const read = (message) => {
      state.live.events += 1;
      state.live.last_seq = Number(message.lastEventId) || state.live.last_seq;
      return JSON.parse(message.data);
    };
    source.addEventListener('team', (message) => {
      const event = read(message);
      const team = event.after;
      if (!team || typeof team !== 'object') return;  // a row another program wrote as text
      if (showTeam(team)) state.live.applied += 1;
      window.dispatchEvent(new CustomEvent('muster:team', { detail: team }));
    });
    for (const kind of ['incident', 'hazard', 'shelter', 'hospital', 'depot']) {
      // Other scripts hear it as "muster:incident", "muster:hazard", ...
      source.addEventListener(kind, (message) => window.dispatchEvent(
        new CustomEvent('muster:' + kind, { detail: read(message) })));
    }
  }).catch(() => {});  // the map's own failure is already on the status line
})();
