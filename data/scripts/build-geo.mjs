// Builds the county list and the choropleth map shapes from the us-atlas npm
// package (Census cartographic boundary files, 2017 edition, as TopoJSON).
//
//   cd data/scripts && npm ci && node build-geo.mjs
//
// Writes:
//   data/geo/counties.csv                               county list (+ data/geo/county-changes.csv merged in)
//   src/UpwardMobility.Web/wwwroot/geo/counties.geojson
//   src/UpwardMobility.Web/wwwroot/geo/states.geojson
//
// The output is deterministic: running it twice gives byte-identical files.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { feature } from 'topojson-client';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const geoDataDir = join(repo, 'data', 'geo');
const webGeoDir = join(repo, 'src', 'UpwardMobility.Web', 'wwwroot', 'geo');

const HEADER = ['fips', 'name', 'state_fips', 'state_name', 'state_abbr', 'status', 'replaced_by'];
const COORD_DECIMALS = 3;

// ---------------------------------------------------------------------------
// States kept: the 50 states, DC and Puerto Rico. The other island areas in
// us-atlas (60 American Samoa, 66 Guam, 69 Northern Mariana Islands,
// 78 U.S. Virgin Islands) are left out of both the CSV and the shapes.
// ---------------------------------------------------------------------------
const STATES = {
  '01': ['Alabama', 'AL'], '02': ['Alaska', 'AK'], '04': ['Arizona', 'AZ'],
  '05': ['Arkansas', 'AR'], '06': ['California', 'CA'], '08': ['Colorado', 'CO'],
  '09': ['Connecticut', 'CT'], '10': ['Delaware', 'DE'], '11': ['District of Columbia', 'DC'],
  '12': ['Florida', 'FL'], '13': ['Georgia', 'GA'], '15': ['Hawaii', 'HI'],
  '16': ['Idaho', 'ID'], '17': ['Illinois', 'IL'], '18': ['Indiana', 'IN'],
  '19': ['Iowa', 'IA'], '20': ['Kansas', 'KS'], '21': ['Kentucky', 'KY'],
  '22': ['Louisiana', 'LA'], '23': ['Maine', 'ME'], '24': ['Maryland', 'MD'],
  '25': ['Massachusetts', 'MA'], '26': ['Michigan', 'MI'], '27': ['Minnesota', 'MN'],
  '28': ['Mississippi', 'MS'], '29': ['Missouri', 'MO'], '30': ['Montana', 'MT'],
  '31': ['Nebraska', 'NE'], '32': ['Nevada', 'NV'], '33': ['New Hampshire', 'NH'],
  '34': ['New Jersey', 'NJ'], '35': ['New Mexico', 'NM'], '36': ['New York', 'NY'],
  '37': ['North Carolina', 'NC'], '38': ['North Dakota', 'ND'], '39': ['Ohio', 'OH'],
  '40': ['Oklahoma', 'OK'], '41': ['Oregon', 'OR'], '42': ['Pennsylvania', 'PA'],
  '44': ['Rhode Island', 'RI'], '45': ['South Carolina', 'SC'], '46': ['South Dakota', 'SD'],
  '47': ['Tennessee', 'TN'], '48': ['Texas', 'TX'], '49': ['Utah', 'UT'],
  '50': ['Vermont', 'VT'], '51': ['Virginia', 'VA'], '53': ['Washington', 'WA'],
  '54': ['West Virginia', 'WV'], '55': ['Wisconsin', 'WI'], '56': ['Wyoming', 'WY'],
  '72': ['Puerto Rico', 'PR'],
};
const isStateOrDc = (stateFips) => stateFips in STATES && stateFips !== '72';

// ---------------------------------------------------------------------------
// Display-name rules. us-atlas carries the bare Census NAME ("Autauga");
// the Census NAMELSAD adds the legal/statistical area description.
// ---------------------------------------------------------------------------

// Alaska boroughs, census areas, cities and boroughs, and municipalities
// (Census NAMELSAD suffixes). Every Alaska code in us-atlas must be listed
// here; codes added by the supplement carry their full name there.
const ALASKA_SUFFIX = {
  '02013': 'Borough',            // Aleutians East
  '02016': 'Census Area',        // Aleutians West
  '02020': 'Municipality',       // Anchorage
  '02050': 'Census Area',        // Bethel
  '02060': 'Borough',            // Bristol Bay
  '02063': 'Census Area',        // Chugach (2019, supplement)
  '02066': 'Census Area',        // Copper River (2019, supplement)
  '02068': 'Borough',            // Denali
  '02070': 'Census Area',        // Dillingham
  '02090': 'Borough',            // Fairbanks North Star
  '02100': 'Borough',            // Haines
  '02105': 'Census Area',        // Hoonah-Angoon
  '02110': 'City and Borough',   // Juneau
  '02122': 'Borough',            // Kenai Peninsula
  '02130': 'Borough',            // Ketchikan Gateway
  '02150': 'Borough',            // Kodiak Island
  '02158': 'Census Area',        // Kusilvak (formerly Wade Hampton, 02270)
  '02164': 'Borough',            // Lake and Peninsula
  '02170': 'Borough',            // Matanuska-Susitna
  '02180': 'Census Area',        // Nome
  '02185': 'Borough',            // North Slope
  '02188': 'Borough',            // Northwest Arctic
  '02195': 'Borough',            // Petersburg
  '02198': 'Census Area',        // Prince of Wales-Hyder
  '02220': 'City and Borough',   // Sitka
  '02230': 'Municipality',       // Skagway
  '02240': 'Census Area',        // Southeast Fairbanks
  '02261': 'Census Area',        // Valdez-Cordova (split 2019)
  '02275': 'City and Borough',   // Wrangell
  '02282': 'City and Borough',   // Yakutat
  '02290': 'Census Area',        // Yukon-Koyukuk
};

// Independent cities outside Virginia. Carson City's Census name already
// reads "Carson City", so it is kept as is.
const OTHER_INDEPENDENT_CITIES = {
  '24510': 'city', // Baltimore city (Baltimore County is 24005)
  '29510': 'city', // St. Louis city (St. Louis County is 29189)
  '32510': '',     // Carson City
};

function displayName(fips, bare) {
  const stateFips = fips.slice(0, 2);
  const countyCode = Number(fips.slice(2));
  if (fips === '11001') return bare; // District of Columbia
  if (stateFips === '02') {
    const suffix = ALASKA_SUFFIX[fips];
    if (!suffix) throw new Error(`No Alaska suffix for ${fips} ${bare}: add it to ALASKA_SUFFIX`);
    return `${bare} ${suffix}`;
  }
  if (stateFips === '22') return `${bare} Parish`;
  if (stateFips === '72') return `${bare} Municipio`;
  // Virginia independent cities have county codes 510 and up (e.g. 51510 Alexandria city,
  // 51760 Richmond city vs 51159 Richmond County).
  if (stateFips === '51' && countyCode >= 500) return `${bare} city`;
  if (fips in OTHER_INDEPENDENT_CITIES) {
    const suffix = OTHER_INDEPENDENT_CITIES[fips];
    return suffix ? `${bare} ${suffix}` : bare;
  }
  return `${bare} County`;
}

// ---------------------------------------------------------------------------
// CSV helpers (RFC 4180; the files are UTF-8 without BOM, LF line ends).
// ---------------------------------------------------------------------------
function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const csvField = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvLine = (values) => values.map(csvField).join(',');

// ---------------------------------------------------------------------------
// 1. County list
// ---------------------------------------------------------------------------
const topology = require('us-atlas/counties-10m.json');
const atlasVersion = require('us-atlas/package.json').version;
const countyGeoms = topology.objects.counties.geometries;
const stateGeoms = topology.objects.states.geometries;

// Cross-check the state table against us-atlas' own state names.
for (const g of stateGeoms) {
  if (g.id in STATES && STATES[g.id][0] !== g.properties.name) {
    throw new Error(`State ${g.id}: table says ${STATES[g.id][0]}, us-atlas says ${g.properties.name}`);
  }
}
const atlasStateIds = new Set(stateGeoms.map((g) => g.id));
for (const s of Object.keys(STATES)) {
  if (!atlasStateIds.has(s)) throw new Error(`State ${s} missing from us-atlas`);
}

const rows = new Map(); // fips -> row object
let skippedIslandAreas = 0;
for (const g of countyGeoms) {
  const fips = g.id;
  if (!/^\d{5}$/.test(fips)) throw new Error(`Bad county id ${JSON.stringify(fips)}`);
  const stateFips = fips.slice(0, 2);
  if (!(stateFips in STATES)) { skippedIslandAreas++; continue; }
  if (rows.has(fips)) throw new Error(`Duplicate county id ${fips}`);
  const [stateName, stateAbbr] = STATES[stateFips];
  rows.set(fips, {
    fips,
    name: displayName(fips, g.properties.name.normalize('NFC')),
    state_fips: stateFips,
    state_name: stateName,
    state_abbr: stateAbbr,
    status: 'current',
    replaced_by: '',
  });
}
const atlasCountyFips = new Set(rows.keys());
const atlasCurrentStatesDc = [...rows.values()].filter((r) => isStateOrDc(r.state_fips)).length;

// Merge the hand-written supplement: each row there replaces (or adds) the
// whole row for its fips.
const changesPath = join(geoDataDir, 'county-changes.csv');
const changes = parseCsv(readFileSync(changesPath, 'utf8'));
if (changes[0].join(',') !== HEADER.join(',')) {
  throw new Error(`${changesPath}: header must be ${HEADER.join(',')}`);
}
const log = [];
for (const [lineIndex, values] of changes.slice(1).entries()) {
  const where = `${relative(repo, changesPath)} line ${lineIndex + 2}`;
  if (values.length !== HEADER.length) throw new Error(`${where}: expected ${HEADER.length} fields`);
  const r = Object.fromEntries(HEADER.map((h, i) => [h, values[i].trim().normalize('NFC')]));
  if (!/^\d{5}$/.test(r.fips)) throw new Error(`${where}: bad fips ${r.fips}`);
  if (r.state_fips !== r.fips.slice(0, 2)) throw new Error(`${where}: state_fips does not match fips`);
  const st = STATES[r.state_fips];
  if (!st || st[0] !== r.state_name || st[1] !== r.state_abbr) {
    throw new Error(`${where}: state fields do not match the state table`);
  }
  if (r.status !== 'current' && r.status !== 'historical') throw new Error(`${where}: bad status ${r.status}`);
  if (!r.name) throw new Error(`${where}: empty name`);
  if (r.status === 'current' && r.replaced_by) throw new Error(`${where}: a current row cannot be replaced_by`);
  r.replaced_by = r.replaced_by.split(/\s+/).filter(Boolean).sort().join(' ');
  const prev = rows.get(r.fips);
  if (!prev) log.push(`  added      ${r.fips} ${r.name} (${r.status})`);
  else {
    const what = [];
    if (prev.name !== r.name) what.push(`name "${prev.name}" -> "${r.name}"`);
    if (prev.status !== r.status) what.push(`status ${prev.status} -> ${r.status}`);
    if (prev.replaced_by !== r.replaced_by) what.push(`replaced_by "${r.replaced_by}"`);
    log.push(`  ${what.length ? 'changed' : 'unchanged'}    ${r.fips} ${prev.name}${what.length ? ': ' + what.join(', ') : ''}`);
  }
  rows.set(r.fips, r);
}

// Validate the merged list.
const sorted = [...rows.values()].sort((a, b) => (a.fips < b.fips ? -1 : a.fips > b.fips ? 1 : 0));
for (const r of sorted) {
  if (r.status === 'historical') {
    if (!r.replaced_by) throw new Error(`${r.fips}: historical row without replaced_by`);
    for (const to of r.replaced_by.split(' ')) {
      const target = rows.get(to);
      if (!target) throw new Error(`${r.fips}: replaced_by ${to} is not in the list`);
      if (target.status !== 'current') throw new Error(`${r.fips}: replaced_by ${to} is not current`);
    }
  }
}
const namesSeen = new Map();
for (const r of sorted.filter((x) => x.status === 'current')) {
  const key = `${r.state_fips}|${r.name}`;
  if (namesSeen.has(key)) throw new Error(`Duplicate current name ${r.name} (${namesSeen.get(key)}, ${r.fips})`);
  namesSeen.set(key, r.fips);
}
// The checks the brief asked for.
const must = (cond, msg) => { if (!cond) throw new Error(msg); };
must(rows.get('46102')?.status === 'current', '46102 Oglala Lakota County must be current');
if (rows.has('46113')) must(rows.get('46113').status === 'historical' && rows.get('46113').replaced_by === '46102', '46113 must be historical, replaced by 46102');
if (rows.has('51515')) must(rows.get('51515').status === 'historical', '51515 Bedford city must be historical');
for (const [fips, name] of [
  ['06037', 'Los Angeles County'], ['22071', 'Orleans Parish'], ['02020', 'Anchorage Municipality'],
  ['02110', 'Juneau City and Borough'], ['24510', 'Baltimore city'], ['24005', 'Baltimore County'],
  ['29510', 'St. Louis city'], ['32510', 'Carson City'], ['11001', 'District of Columbia'],
  ['51510', 'Alexandria city'], ['51036', 'Charles City County'], ['35013', 'Doña Ana County'],
  ['72127', 'San Juan Municipio'], ['01001', 'Autauga County'],
]) must(rows.get(fips)?.name === name, `${fips} should be "${name}", is "${rows.get(fips)?.name}"`);

mkdirSync(geoDataDir, { recursive: true });
const csvText = [csvLine(HEADER), ...sorted.map((r) => csvLine(HEADER.map((h) => r[h])))].join('\n') + '\n';
const csvPath = join(geoDataDir, 'counties.csv');
writeFileSync(csvPath, csvText, 'utf8');

// ---------------------------------------------------------------------------
// 2. Map shapes (unprojected lon/lat, d3/TopoJSON winding order as in
//    us-atlas, which is what Plotly's geo maps expect).
// ---------------------------------------------------------------------------
const factor = 10 ** COORD_DECIMALS;
const round = (x) => Math.round(x * factor) / factor;
const signedArea = (ring) => {
  let a = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return a / 2;
};
let droppedRings = 0;
const omittedShapes = [];
function roundRing(ring) {
  const out = [];
  for (const [x, y] of ring) {
    const p = [round(x), round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  // Drop rings that collapsed to fewer than 4 positions or whose orientation
  // flipped/vanished on rounding (a flipped ring would fill the whole globe).
  const before = Math.sign(signedArea(ring));
  if (out.length < 4 || Math.sign(signedArea(out)) !== before) { droppedRings++; return null; }
  return out;
}
function roundPolygon(rings) {
  const outer = roundRing(rings[0]);
  if (!outer) return null;
  return [outer, ...rings.slice(1).map(roundRing).filter(Boolean)];
}
function roundGeometry(geom, id) {
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.type === 'MultiPolygon' ? geom.coordinates : null;
  if (!polys) throw new Error(`${id}: unexpected geometry ${geom.type}`);
  const kept = polys.map(roundPolygon).filter(Boolean);
  if (!kept.length) return null; // degenerate already in us-atlas (e.g. 51610 Falls Church city, a zero-area sliver)
  return kept.length === 1 ? { type: 'Polygon', coordinates: kept[0] } : { type: 'MultiPolygon', coordinates: kept };
}
function toFeatureCollection(object, keep) {
  const fc = feature(topology, object);
  const features = fc.features
    .filter((f) => keep(f.id))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((f) => ({ type: 'Feature', id: f.id, properties: { fips: f.id }, geometry: roundGeometry(f.geometry, f.id) }))
    .filter((f) => {
      // A feature with no drawable area is left out rather than kept with an
      // invalid ring, which Plotly/d3 could render as a globe-filling polygon.
      if (!f.geometry) omittedShapes.push(f.id);
      return f.geometry;
    });
  return { type: 'FeatureCollection', features };
}

mkdirSync(webGeoDir, { recursive: true });
const sizes = [];
// Only the plain file is written: the SDK's static-asset build compresses (gzip, brotli) and fingerprints it.
// Precompressed copies in wwwroot would be taken for assets of their own and served with the wrong encoding.
// The sizes are still computed, to print what a browser downloads.
function writeWithCompressed(name, text) {
  const path = join(webGeoDir, name);
  const buf = Buffer.from(text, 'utf8');
  writeFileSync(path, buf);
  const gz = zlib.gzipSync(buf, { level: 9 });
  let br = null;
  if (typeof zlib.brotliCompressSync === 'function') {
    br = zlib.brotliCompressSync(buf, {
      params: {
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    });
  }
  sizes.push([relative(repo, path), buf.length, gz.length, br ? br.length : null]);
}

// Counties: every us-atlas shape of a county kept in the CSV, current or
// historical (old CT counties, Valdez-Cordova), so data keyed by either the
// old or the new codes can be drawn. Codes added by the supplement have no shape.
const countiesFc = toFeatureCollection(topology.objects.counties, (id) => atlasCountyFips.has(id));
const statesFc = toFeatureCollection(topology.objects.states, (id) => id in STATES);
writeWithCompressed('counties.geojson', JSON.stringify(countiesFc));
writeWithCompressed('states.geojson', JSON.stringify(statesFc));

// ---------------------------------------------------------------------------
// 3. Report
// ---------------------------------------------------------------------------
const count = (pred) => sorted.filter(pred).length;
const currentStatesDc = count((r) => r.status === 'current' && isStateOrDc(r.state_fips));
const noShape = sorted.filter((r) => !atlasCountyFips.has(r.fips)).map((r) => r.fips);
const kb = (n) => (n == null ? 'n/a' : `${(n / 1024).toFixed(1)} KiB`);

console.log(`us-atlas ${atlasVersion}: ${countyGeoms.length} county shapes; ${skippedIslandAreas} in island areas (60, 66, 69, 78) skipped`);
console.log(`us-atlas county-equivalents in the 50 states + DC: ${atlasCurrentStatesDc} (2017 vintage)`);
console.log(`Supplement ${relative(repo, changesPath)}: ${changes.length - 1} rows`);
for (const line of log) console.log(line);
console.log(`Wrote ${relative(repo, csvPath)}:`);
console.log(`  total rows:                      ${sorted.length}`);
console.log(`  current, 50 states + DC:         ${currentStatesDc}`);
console.log(`  historical:                      ${count((r) => r.status === 'historical')}`);
console.log(`  Puerto Rico (72), current:       ${count((r) => r.state_fips === '72' && r.status === 'current')}`);
console.log(`  rows without a shape in us-atlas: ${noShape.length}${noShape.length ? ' (' + noShape.join(' ') + ')' : ''}`);
console.log(`Wrote shapes (${COORD_DECIMALS} decimals; ${droppedRings} degenerate rings dropped): ` +
  `${countiesFc.features.length} counties, ${statesFc.features.length} states`);
if (omittedShapes.length) console.log(`  left out, no area in us-atlas at this scale: ${omittedShapes.join(' ')}`);
for (const [path, raw, gz, br] of sizes) {
  console.log(`  ${path}: ${kb(raw)} raw, ${kb(gz)} .gz, ${kb(br)} .br`);
}
