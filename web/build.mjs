// Builds the dashboard into web/dist: the page, its script and style, and the
// two browser libraries from npm (Chart.js for the timeline, Cytoscape.js for
// the actor network), copied as prebuilt UMD files. No bundler needed.
//   cd web && npm ci && node build.mjs
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const vendor = [
  ['chart.js/dist/chart.umd.js', 'chart.umd.js', 'chart.js/LICENSE.md'],
  ['cytoscape/dist/cytoscape.min.js', 'cytoscape.min.js', 'cytoscape/LICENSE'],
];

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'vendor'), { recursive: true });
for (const [from, to, license] of vendor) {
  const src = join(here, 'node_modules', from);
  if (!existsSync(src)) {
    console.error(`build.mjs: ${src} is missing: run npm ci in web/ first`);
    process.exit(1);
  }
  cpSync(src, join(dist, 'vendor', to));
  cpSync(join(here, 'node_modules', license), join(dist, 'vendor', `${to}.LICENSE`));
}
for (const f of ['index.html', 'app.js', 'style.css']) cpSync(join(here, 'src', f), join(dist, f));
const versions = Object.fromEntries(vendor.map(([from]) => {
  const pkg = from.split('/')[0];
  return [pkg, JSON.parse(readFileSync(join(here, 'node_modules', pkg, 'package.json'))).version];
}));
writeFileSync(join(dist, 'vendor', 'versions.json'), JSON.stringify(versions, null, 2) + '\n');
console.log(`built ${dist} (${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(', ')})`);
