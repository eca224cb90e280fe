// muster's console: the dispatcher's place search. A box in the dispatcher's panel asks GET
// /search?q=TEXT as the dispatcher types (the last answer only is shown) and lists the townships,
// roads, facilities and teams found, best first. The list is an ARIA combobox's listbox: Down and
// Up move through it, Enter chooses (the first if none is marked), Escape closes it (and empties
// the box when it is closed already); a click chooses too. Choosing a place puts the incident
// there exactly as a click on the map does (window.muster.placeIncident, console/dispatch.js) and
// brings the place into view. Focus stays in the box, so that Tab goes on to the first team's
// Dispatch button. The state the browser tests read is window.musterConsole.search.
//
// The bar's status line is cut with an ellipsis on a narrow screen (console/console.css); its
// whole text is kept in its title, which this file mirrors.
'use strict';

(function () {
  const { text, fill, escape, map, state, statusLine } = window.muster;
  const LIMIT = 8;
  const WAIT_MS = 150;  // after the last key before asking: one request per pause, not per key
  const MIN_ZOOM = 15;  // a place chosen is shown at least this close

  const search = (state.search = {
    query: '',
    loading: false,
    loads: 0,      // answers shown
    results: [],   // the listed places: kind, id, name, location (and class for a road)
    active: -1,    // the marked result, -1 for none
    chosen: null,  // the last place chosen
    error: null,
  });

  statusLine.title = statusLine.textContent;
  new MutationObserver(() => { statusLine.title = statusLine.textContent; })
    .observe(statusLine, { childList: true, characterData: true, subtree: true });

  const $ = (id) => document.getElementById(id);
  let asked = 0;  // the last request's number: only its answer is shown
  let timer = null;
  let enterPending = false;  // Enter pressed before the answer to what was typed came

  const say = (message) => {
    const line = $('search-status');
    if (line) line.textContent = message || '';
  };
  const isOpen = () => !$('place-results').hidden;
  const open = (yes) => {
    $('place-results').hidden = !yes;
    $('place-search').setAttribute('aria-expanded', String(yes));
    if (!yes) mark(-1);
  };
  const mark = (index) => {
    search.active = index;
    const input = $('place-search');
    for (const [i, option] of [...$('place-results').children].entries()) {
      option.setAttribute('aria-selected', String(i === index));
      option.classList.toggle('active', i === index);
      if (i === index) option.scrollIntoView({ block: 'nearest' });
    }
    if (index >= 0) input.setAttribute('aria-activedescendant', 'place-option-' + index);
    else input.removeAttribute('aria-activedescendant');
  };

  const describe = (place) => (text.place_kinds[place.kind] || place.kind) +
    (place.class ? ' · ' + place.class : '');
  const drawResults = () => {
    const list = $('place-results');
    list.innerHTML = search.results.map((place, i) =>
      `<li id="place-option-${i}" role="option" aria-selected="false" data-index="${i}">` +
      `<span class="place-name">${escape(place.name || place.id)}</span> ` +
      `<span class="place-kind">${escape(describe(place))}</span></li>`).join('');
    open(search.results.length > 0);
    say(search.results.length ? fill(text.search_count, { n: search.results.length })
      : fill(text.search_none, { q: search.query }));
  };

  const ask = async () => {
    const query = $('place-search').value.trim();
    search.query = query;
    const request = ++asked;
    if (!query) {
      enterPending = false;
      search.results = [];
      search.loading = false;
      open(false);
      say('');
      return;
    }
    search.loading = true;
    say(text.searching);
    try {
      const answer = await window.muster.call('GET',
        `/search?q=${encodeURIComponent(query)}&limit=${LIMIT}`);
      if (request !== asked || !$('place-search')) return;  // a later key asked again
      search.results = answer.results;
      search.error = null;
      drawResults();
      if (enterPending) {
        enterPending = false;
        choose(0);
      }
    } catch (error) {
      if (request !== asked || !$('place-search')) return;
      enterPending = false;
      search.results = [];
      search.error = { status: error.status, code: error.code, message: error.message };
      open(false);
      say(fill(text.search_failed, { why: error.message }));
    } finally {
      if (request === asked) {
        search.loading = false;
        search.loads += 1;
      }
    }
  };

  const choose = (index) => {
    const place = search.results[index];
    if (!place || !window.muster.placeIncident) return;
    search.chosen = place;
    open(false);
    const input = $('place-search');
    input.value = place.name || place.id;
    say('');
    const [lon, lat] = place.location;
    map.setView([lat, lon], Math.max(map.getZoom(), MIN_ZOOM), { animate: false });
    window.muster.placeIncident([lon, lat], place.name || place.id);
    input.focus();
  };

  const onKey = (event) => {
    const count = search.results.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!count) return;
      event.preventDefault();
      if (!isOpen()) {
        open(true);
        mark(event.key === 'ArrowDown' ? 0 : count - 1);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      mark(search.active < 0 ? (step > 0 ? 0 : count - 1) : (search.active + step + count) % count);
    } else if (event.key === 'Enter') {
      event.preventDefault();  // no form to send
      // An answer still coming for what was typed: choose from it, not from an older one.
      if (timer !== null || search.loading) enterPending = true;
      else if (isOpen() && count) choose(search.active >= 0 ? search.active : 0);
    } else if (event.key === 'Escape') {
      if (isOpen()) {
        event.preventDefault();
        open(false);
      } else if (event.target.value) {
        event.preventDefault();
        event.target.value = '';
        search.results = [];
        say('');
      }
    } else if (event.key === 'Home' || event.key === 'End') {
      if (isOpen() && count) {
        event.preventDefault();
        mark(event.key === 'Home' ? 0 : count - 1);
      }
    }
  };

  window.addEventListener('muster:dispatcher', (event) => {
    if (!event.detail) {
      asked += 1;  // an answer on its way is for a panel that is gone
      search.results = [];
      search.active = -1;
      return;
    }
    const box = document.createElement('div');
    box.id = 'place-search-box';
    box.className = 'place-search';
    box.innerHTML =
      `<label for="place-search">${escape(text.search_label)}</label>` +
      '<div class="combo"><input id="place-search" type="text" role="combobox" ' +
      'aria-autocomplete="list" aria-expanded="false" aria-controls="place-results" ' +
      `autocomplete="off" spellcheck="false" placeholder="${escape(text.search_placeholder)}">` +
      `<ul id="place-results" role="listbox" aria-label="${escape(text.search_results)}" ` +
      'hidden></ul></div>' +
      '<p id="search-status" class="hint" role="status" aria-live="polite"></p>';
    // Below the incident's kind, above the teams: Tab from the box reaches their buttons next.
    const where = $('incident-where');
    where.parentNode.insertBefore(box, where);
    const input = $('place-search');
    input.addEventListener('input', () => {
      enterPending = false;
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        ask();
      }, WAIT_MS);
    });
    input.addEventListener('keydown', onKey);
    input.addEventListener('blur', () => open(false));
    const list = $('place-results');
    // mousedown, not click: the box must not lose its focus (and close the list) first.
    list.addEventListener('mousedown', (event) => {
      const option = event.target.closest('[role=option]');
      if (!option) return;
      event.preventDefault();
      choose(Number(option.dataset.index));
    });
  });
})();
