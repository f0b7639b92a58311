// Builds the city list and the county <-> city and Connecticut county <-> planning-region relationships from
// Urban's geographic crosswalks (UI-Research/mobility-from-poverty, geographic-crosswalks/data/), which sit beside
// the repository in ../shared/data/crosswalks. No npm packages needed.
//
//   node data/scripts/build-cities.mjs [crosswalks folder]
//
// Reads:
//   place-populations.csv                          Urban's cities: names and populations by year
//   geocorr2022_county_place_2022_onwards.csv      which counties each place lies in (afact2, afact)
//   tract_crosswalk_2022_connecticut.csv           Connecticut tracts: old county and 2022 planning region
//   data/geo/counties.csv, data/geo/county-changes.csv (checked against the Connecticut crosswalk)
// Writes:
//   data/geo/cities.csv             one row per city (the name of its latest year)
//   data/geo/city-populations.csv   one row per city and year
//   data/geo/county-places.csv      one row per (Urban city, county) pair
//   data/geo/county-successions.csv one row per (old Connecticut county, planning region) pair that share tracts
//
// The output is deterministic: running it twice gives byte-identical files. It stops with an error when the data
// do not add up (a city without counties, shares that do not sum to 1, a county code not in counties.csv, or a
// replaced_by list in county-changes.csv that disagrees with the tract crosswalk).

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const geoDir = join(repo, 'data', 'geo');
const sourceDir = resolve(process.argv[2] ?? join(repo, '..', 'shared', 'data', 'crosswalks'));

const STATES = {
  '01': ['Alabama', 'AL'], '02': ['Alaska', 'AK'], '04': ['Arizona', 'AZ'], '05': ['Arkansas', 'AR'],
  '06': ['California', 'CA'], '08': ['Colorado', 'CO'], '09': ['Connecticut', 'CT'], '10': ['Delaware', 'DE'],
  '11': ['District of Columbia', 'DC'], '12': ['Florida', 'FL'], '13': ['Georgia', 'GA'], '15': ['Hawaii', 'HI'],
  '16': ['Idaho', 'ID'], '17': ['Illinois', 'IL'], '18': ['Indiana', 'IN'], '19': ['Iowa', 'IA'],
  '20': ['Kansas', 'KS'], '21': ['Kentucky', 'KY'], '22': ['Louisiana', 'LA'], '23': ['Maine', 'ME'],
  '24': ['Maryland', 'MD'], '25': ['Massachusetts', 'MA'], '26': ['Michigan', 'MI'], '27': ['Minnesota', 'MN'],
  '28': ['Mississippi', 'MS'], '29': ['Missouri', 'MO'], '30': ['Montana', 'MT'], '31': ['Nebraska', 'NE'],
  '32': ['Nevada', 'NV'], '33': ['New Hampshire', 'NH'], '34': ['New Jersey', 'NJ'], '35': ['New Mexico', 'NM'],
  '36': ['New York', 'NY'], '37': ['North Carolina', 'NC'], '38': ['North Dakota', 'ND'], '39': ['Ohio', 'OH'],
  '40': ['Oklahoma', 'OK'], '41': ['Oregon', 'OR'], '42': ['Pennsylvania', 'PA'], '44': ['Rhode Island', 'RI'],
  '45': ['South Carolina', 'SC'], '46': ['South Dakota', 'SD'], '47': ['Tennessee', 'TN'], '48': ['Texas', 'TX'],
  '49': ['Utah', 'UT'], '50': ['Vermont', 'VT'], '51': ['Virginia', 'VA'], '53': ['Washington', 'WA'],
  '54': ['West Virginia', 'WV'], '55': ['Wisconsin', 'WI'], '56': ['Wyoming', 'WY'], '72': ['Puerto Rico', 'PR'],
};

const problems = [];
const fail = (message) => problems.push(message);

// RFC 4180, as in build-geo.mjs (quoted fields, CRLF or LF, a BOM dropped).
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

/** Rows as objects keyed by header. The geocorr file is Windows-1252 (Cañon City); only its codes and numbers are used. */
function readTable(path, encoding = 'utf8') {
  const [header, ...rows] = parseCsv(readFileSync(path, encoding));
  return rows.map((r, i) => {
    if (r.length !== header.length) fail(`${path} line ${i + 2}: ${r.length} fields, the header has ${header.length}`);
    return Object.fromEntries(header.map((h, j) => [h.trim(), (r[j] ?? '').trim()]));
  });
}

const csvField = (v) => (/[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const csvText = (header, rows) => [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
const digits = (text, width) => (/^\d+$/.test(text) && text.length <= width ? text.padStart(width, '0') : null);
// A plain decimal for the shares Urban writes as 1e-4 (JavaScript prints exponents only below 1e-6).
const plain = (text) => {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || n > 1) fail(`share '${text}' is not a number from 0 to 1`);
  return String(n);
};

/** Shares of whole units that sum to exactly 1 at 4 decimals (largest remainder; ties by key), one per key. */
function sharesSummingToOne(counts) {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const units = 10000;
  const parts = [...counts].map(([key, n]) => {
    const exact = (n * units) / total;
    return { key, whole: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  let left = units - parts.reduce((a, p) => a + p.whole, 0);
  for (const p of [...parts].sort((a, b) => b.rest - a.rest || (a.key < b.key ? -1 : 1))) {
    if (left-- <= 0) break;
    p.whole++;
  }
  return new Map(parts.map((p) => [p.key, (p.whole / units).toFixed(4)]));
}

// ---------------------------------------------------------------------------
// 1. Cities and their populations
// ---------------------------------------------------------------------------
const counties = new Map(readTable(join(geoDir, 'counties.csv')).map((c) => [c.fips, c]));

const cities = new Map();
const populations = [];
for (const r of readTable(join(sourceDir, 'place-populations.csv'))) {
  const state = digits(r.state, 2);
  const place = digits(r.place, 5);
  const year = Number(r.year);
  const population = Number(r.population);
  if (!state || !place || !(state in STATES)) { fail(`place-populations.csv: bad code ${r.state},${r.place}`); continue; }
  if (!Number.isInteger(year) || !Number.isInteger(population) || population < 0) { fail(`place-populations.csv: bad row ${JSON.stringify(r)}`); continue; }
  if (r.state_name !== STATES[state][0]) fail(`place-populations.csv: ${state} is ${STATES[state][0]}, not ${r.state_name}`);
  const fips = state + place;
  const city = cities.get(fips);
  // A city keeps the name of its latest year (Buckeye town became Buckeye city, Fishers town Fishers city).
  if (!city || year > city.year) cities.set(fips, { fips, name: r.place_name, state, year });
  populations.push([fips, year, population]);
}
const cityRows = [...cities.values()]
  .sort((a, b) => (a.fips < b.fips ? -1 : 1))
  .map((c) => [c.fips, c.name, c.state, STATES[c.state][0], STATES[c.state][1]]);
populations.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
const seenPopulation = new Set();
for (const [fips, year] of populations) {
  if (seenPopulation.has(`${fips}/${year}`)) fail(`place-populations.csv: ${fips} has two figures for ${year}`);
  seenPopulation.add(`${fips}/${year}`);
}

// ---------------------------------------------------------------------------
// 2. Counties of each Urban city (geocorr 2022: 2020 census populations)
// ---------------------------------------------------------------------------
const countyPlaces = [];
for (const r of readTable(join(sourceDir, 'geocorr2022_county_place_2022_onwards.csv'), 'latin1')) {
  const fips = `${digits(r.state, 2)}${digits(r.place, 5)}`;
  if (!cities.has(fips)) continue;
  const county = digits(r.countyfip, 5);
  if (!county || counties.get(county)?.status !== 'current') fail(`geocorr: county ${r.countyfip} of ${fips} is not a current county in counties.csv`);
  else if (!county.startsWith(fips.slice(0, 2))) fail(`geocorr: county ${county} is not in the state of ${fips}`);
  countyPlaces.push([fips, county, plain(r.afact2), plain(r.afact), String(Number(r.population))]);
}
countyPlaces.sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
for (const fips of cities.keys()) {
  const rows = countyPlaces.filter((r) => r[0] === fips);
  const sum = rows.reduce((a, r) => a + Number(r[2]), 0);
  // geocorr rounds each share to 4 decimals: a city's shares sum to 1 within a few ten-thousandths.
  if (rows.length === 0) fail(`geocorr: city ${fips} is in no county`);
  else if (Math.abs(sum - 1) > 0.0005) fail(`geocorr: the county shares of ${fips} sum to ${sum}`);
}

// ---------------------------------------------------------------------------
// 3. Connecticut: old counties -> 2022 planning regions, by census tract
// ---------------------------------------------------------------------------
const pairTracts = new Map();
for (const r of readTable(join(sourceDir, 'tract_crosswalk_2022_connecticut.csv'))) {
  const former = digits(r.county_fips_2020, 5);
  const successor = digits(r.ce_fips_2022, 5);
  if (!former || !successor) { fail(`tract crosswalk: bad codes in ${JSON.stringify(r)}`); continue; }
  const key = `${former}/${successor}`;
  pairTracts.set(key, (pairTracts.get(key) ?? 0) + 1);
}
const group = (index) => {
  const groups = new Map();
  for (const [key, n] of pairTracts) {
    const id = key.split('/')[index];
    if (!groups.has(id)) groups.set(id, new Map());
    groups.get(id).set(key, n);
  }
  return groups;
};
const shareOfSuccessor = new Map();
for (const counts of group(1).values()) for (const [k, s] of sharesSummingToOne(counts)) shareOfSuccessor.set(k, s);
const shareOfFormer = new Map();
for (const counts of group(0).values()) for (const [k, s] of sharesSummingToOne(counts)) shareOfFormer.set(k, s);
const successions = [...pairTracts.keys()]
  .map((key) => key.split('/'))
  .sort((a, b) => (a[1] + a[0] < b[1] + b[0] ? -1 : 1))
  .map(([former, successor]) => {
    const key = `${former}/${successor}`;
    if (counties.get(former)?.status !== 'historical') fail(`tract crosswalk: ${former} is not a historical county in counties.csv`);
    if (counties.get(successor)?.status !== 'current') fail(`tract crosswalk: ${successor} is not a current county in counties.csv`);
    return [former, successor, String(pairTracts.get(key)), shareOfSuccessor.get(key), shareOfFormer.get(key)];
  });

// The hand-written replaced_by lists must name exactly the regions each old county shares tracts with.
const changes = new Map(readTable(join(geoDir, 'county-changes.csv')).map((c) => [c.fips, c]));
for (const [former, regions] of group(0)) {
  const expected = [...regions.keys()].map((k) => k.split('/')[1]).sort().join(' ');
  for (const [file, table] of [['county-changes.csv', changes], ['counties.csv', counties]]) {
    const actual = (table.get(former)?.replaced_by ?? '').split(/\s+/).filter(Boolean).sort().join(' ');
    if (actual !== expected) fail(`${file}: ${former} should be replaced_by "${expected}" (the tract crosswalk), not "${actual}"`);
  }
}

if (problems.length) {
  console.error(problems.slice(0, 30).join('\n'));
  console.error(`${problems.length} problem(s); nothing written.`);
  process.exit(1);
}

const outputs = [
  ['cities.csv', ['fips', 'name', 'state_fips', 'state_name', 'state_abbr'], cityRows],
  ['city-populations.csv', ['fips', 'year', 'population'], populations],
  ['county-places.csv', ['city_fips', 'county_fips', 'share_of_city', 'share_of_county', 'population_2020'], countyPlaces],
  ['county-successions.csv', ['former_fips', 'successor_fips', 'tracts', 'share_of_successor', 'share_of_former'], successions],
];
for (const [name, header, rows] of outputs) {
  const path = join(geoDir, name);
  const text = csvText(header, rows);
  writeFileSync(path, text, 'utf8');
  console.log(`${relative(repo, path)}: ${rows.length} rows, ${Buffer.byteLength(text)} bytes`);
}
