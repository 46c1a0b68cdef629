// The portal's bench (bench/portal-bench.sh starts Berth and runs this): the shell's JavaScript gzipped, first
// load to interactive on loopback, and how the pages answer with 1,000 projects and a repository of 10,000 tagged
// artifacts (server paging: a page of rows, never the whole list). Chromium's own timing, medians of RUNS.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// playwright-core is the portal's (portal/node_modules), not the bench folder's
const { chromium } = createRequire(fileURLToPath(new URL('../portal/package.json', import.meta.url)))('playwright-core');

const base = process.env.BERTH_URL;
const password = process.env.BERTH_ADMIN_PASSWORD;
const runs = Number(process.env.RUNS ?? 5);
const projects = Number(process.env.PROJECTS ?? 1000);
const tags = Number(process.env.TAGS ?? 10000);
const auth = 'Basic ' + Buffer.from(`admin:${password}`).toString('base64');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const sha256 = (b) => 'sha256:' + createHash('sha256').update(b).digest('hex');

async function pool(count, width, task) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < count) await task(next++);
  }));
}
async function must(response, what) {
  if (!response.ok) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  return response;
}

// --- data: PROJECTS projects, and bench/app with TAGS artifacts, one tag each
const started = Date.now();
await pool(projects, 8, async (i) => {
  await must(await fetch(`${base}/api/v2.0/projects`, {
    method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({ project_name: `bench-${String(i).padStart(4, '0')}`, metadata: { public: 'false' } }),
  }), 'create project');
});
await must(await fetch(`${base}/api/v2.0/projects`, {
  method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' },
  body: JSON.stringify({ project_name: 'bench', metadata: { public: 'false' } }),
}), 'create project bench');
const token = (await (await must(await fetch(`${base}/service/token?service=berth-registry&scope=repository:bench/app:pull,push`,
  { headers: { authorization: auth } }), 'token')).json()).token;
const bearer = { authorization: `Bearer ${token}` };
const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }));
await must(await fetch(`${base}/v2/bench/app/blobs/uploads/?digest=${sha256(config)}`, {
  method: 'POST', headers: { ...bearer, 'content-type': 'application/octet-stream' }, body: config,
}), 'config blob');
await pool(tags, 8, async (i) => {
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length },
    layers: [], annotations: { 'bench.index': String(i) },
  }));
  await must(await fetch(`${base}/v2/bench/app/manifests/t${String(i).padStart(5, '0')}`, {
    method: 'PUT', headers: { ...bearer, 'content-type': 'application/vnd.oci.image.manifest.v1+json' }, body: manifest,
  }), 'manifest');
});
console.log(`data: ${projects + 1} projects, ${tags} tagged artifacts in bench/app, made in ${((Date.now() - started) / 1000).toFixed(1)} s`);

// --- the browser
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });

/** A fresh browser context (empty cache) loading /login: JS fetched, and the time until the form can be used. */
async function firstLoad() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const scripts = [];
  page.on('response', async (r) => {
    if (r.request().resourceType() === 'script') scripts.push(await r.body());
  });
  const t0 = Date.now();
  await page.goto(`${base}/login`);
  await page.locator('#login-username').waitFor();
  const ready = Date.now() - t0;
  const nav = await page.evaluate(() => performance.getEntriesByType('navigation')[0].toJSON());
  await context.close();
  return { ready, domInteractive: nav.domInteractive, gzip: scripts.reduce((n, b) => n + gzipSync(b).length, 0), raw: scripts.reduce((n, b) => n + b.length, 0) };
}

const loads = [];
for (let i = 0; i < runs; i++) loads.push(await firstLoad());

const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
await page.goto(`${base}/login`);
await page.locator('#login-username').fill('admin');
await page.locator('#login-password').fill(password);
await page.getByRole('button', { name: 'Log in' }).click();
await page.waitForURL(/\/home$/);

/** From a navigation to the first row of the list that answers. */
async function timed(path, rowText) {
  const t0 = Date.now();
  await page.goto(base + path);
  await page.getByText(rowText, { exact: true }).first().waitFor({ timeout: 60_000 });
  return Date.now() - t0;
}
const home = [], projectList = [], search = [], artifacts = [], lastPage = [];
for (let i = 0; i < runs; i++) {
  // the storage of the largest of all the projects, as an administrator sees it (bench holds the artifacts)
  home.push(await timed('/home', 'bench'));
  projectList.push(await timed('/projects', 'bench-0000'));
  search.push(await timed('/projects?q=bench-0999', 'bench-0999'));
  artifacts.push(await timed('/projects/bench/repositories/app', 't09999'));
  const pages = Math.ceil(tags / 10);
  lastPage.push(await timed(`/projects/bench/repositories/app?page=${pages}`, 't00000'));
}
const apiBytes = [];
page.on('response', async (r) => { if (r.url().includes('/api/v2.0/')) apiBytes.push((await r.body()).length); });
await timed('/projects/bench/repositories/app', 't09999');
await browser.close();

const row = (name, value, unit, target) => console.log(`${name.padEnd(58)} ${String(value).padStart(9)} ${unit.padEnd(4)} ${target}`);
console.log(`portal bench (medians of ${runs}; Chromium headless, loopback)`);
row('shell JavaScript on first load, gzipped', (median(loads.map((l) => l.gzip)) / 1024).toFixed(1), 'KB', '(target <= 300 KB)');
row('  the same, uncompressed', (median(loads.map((l) => l.raw)) / 1024).toFixed(1), 'KB', '');
row('first load of /login to a usable form (empty cache)', median(loads.map((l) => l.ready)), 'ms', '(target <= 1000 ms)');
row('  DOM interactive', Math.round(median(loads.map((l) => l.domInteractive))), 'ms', '');
row(`/home: counts and the storage chart of ${projects + 1} projects`, median(home), 'ms', '');
row(`/projects with ${projects + 1} projects, to the first row`, median(projectList), 'ms', '');
row('/projects searched by name, to the match', median(search), 'ms', '');
row(`a repository of ${tags} artifacts, to the first row`, median(artifacts), 'ms', '');
row('  its last page, to the oldest artifact', median(lastPage), 'ms', '');
row('  API bytes read for that page (not the whole list)', Math.max(...apiBytes, 0), 'B', '');
