// Wallboard: applies each server-sent "etat" event (JSON WallboardSnapshot) to the page.
// The browser reconnects the EventSource by itself when the stream ends.
(function () {
  'use strict';
  var source = new EventSource('/supervision/flux');
  function text(id, value) {
    var el = document.getElementById(id);
    if (el) { el.textContent = value; }
  }
  source.addEventListener('etat', function (event) {
    var s = JSON.parse(event.data);
    text('heure', s.time);
    text('taux-jour', s.todayRate);
    text('taux-heure', s.lastHourRate);
    text('taux-global', s.todayGlobal);
    text('appels-en-cours', s.activeCalls);
    text('files', s.queues);
    var badge = document.getElementById('badge-jour');
    badge.className = 'fr-badge' + (s.todayAvailable ? (s.todayReached ? ' fr-badge--success' : ' fr-badge--error') : '');
    badge.textContent = s.todayAvailable ? (s.todayReached ? 'Objectif atteint' : 'Objectif non atteint') : 'Non disponible';
    var alert = document.querySelector('#alerte .fr-alert');
    alert.classList.toggle('fr-hidden', !s.alert);
    text('alerte-texte', s.alertText);
    var rows = document.getElementById('issues');
    rows.textContent = '';
    s.contacts.forEach(function (line) {
      var tr = document.createElement('tr');
      var th = document.createElement('th');
      th.scope = 'row';
      th.textContent = line.label;
      var td = document.createElement('td');
      td.textContent = String(line.count);
      tr.appendChild(th);
      tr.appendChild(td);
      rows.appendChild(tr);
    });
  });
})();
