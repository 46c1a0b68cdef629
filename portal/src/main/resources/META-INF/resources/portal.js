// Shows how to reach this registry and whether its API answers through the gateway.
(function () {
  const host = window.location.host;
  document.getElementById('usage').textContent =
    `docker login ${host}\ndocker push ${host}/library/app:1.0\nskopeo inspect docker://${host}/library/app:1.0`;
  const cell = document.getElementById('registry');
  fetch('/v2/', { credentials: 'omit' }).then(r => {
    const up = r.status === 200 || r.status === 401;
    cell.textContent = up ? `up (HTTP ${r.status})` : `down (HTTP ${r.status})`;
    cell.className = up ? 'up' : 'down';
  }).catch(e => { cell.textContent = `down (${e.message})`; cell.className = 'down'; });
})();
