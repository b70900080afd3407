// Wallboard: applies each server-sent "etat" event (JSON WallboardSnapshot) to the page.
// The browser reconnects the EventSource by itself when the stream ends.
(function () {
  'use strict';
  var source = new EventSource('/supervision/flux');
  function text(id, value) {
    var el = document.getElementById(id);
    if (el) { el.textContent = value; }
  }
  // Replaces a table body with one row per item: a row header then plain cells.
  function rows(id, items, cells) {
    var body = document.getElementById(id);
    body.textContent = '';
    items.forEach(function (item) {
      var values = cells(item);
      var tr = document.createElement('tr');
      values.forEach(function (value, i) {
        var cell = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) { cell.scope = 'row'; }
        cell.textContent = String(value);
        tr.appendChild(cell);
      });
      body.appendChild(tr);
    });
  }
  source.addEventListener('etat', function (event) {
    var s = JSON.parse(event.data);
    text('heure', s.time);
    text('taux-jour', s.todayRate);
    text('taux-heure', s.lastHourRate);
    text('taux-global', s.todayGlobal);
    text('appels-en-cours', s.activeCalls);
    var badge = document.getElementById('badge-jour');
    badge.className = 'fr-badge' + (s.todayAvailable ? (s.todayReached ? ' fr-badge--success' : ' fr-badge--error') : '');
    badge.textContent = s.todayAvailable ? (s.todayReached ? 'Objectif atteint' : 'Objectif non atteint') : 'Non disponible';
    var alert = document.querySelector('#alerte .fr-alert');
    alert.classList.toggle('fr-hidden', !s.alert);
    text('alerte-texte', s.alertText);
    rows('issues', s.contacts, function (line) { return [line.label, line.count]; });
    rows('files', s.queues, function (q) {
      return [q.id, q.waiting, q.longestWait, q.estimatedWait, q.agentsText];
    });
    document.getElementById('files-vide').classList.toggle('fr-hidden', s.queues.length > 0);
    rows('agents', s.agents, function (a) { return [a.name, a.state, a.since]; });
  });
})();
