/**
 * The credit the map's data licences require (classifiers/gazetteer/SOURCES.md, "Attribution
 * required"): Who's On First and GeoNames are CC BY 4.0, Quattroshapes CC BY. Kept verbatim in
 * English, as the licences word it, wherever the map is drawn.
 */
export const MAP_ATTRIBUTION =
  "Place data from Who's On First (https://whosonfirst.org/docs/licenses/), which includes data from " +
  'GeoNames (CC BY 4.0, https://www.geonames.org), foursquare Quattroshapes (CC BY, ' +
  'https://github.com/foursquare/quattroshapes) and Mapzen. Boundaries: U.S. Department of State ' +
  "Humanitarian Information Unit (public domain) via Who's On First.";

/** Splits text at spaces into lines of at most `max` characters (SVG text does not wrap). */
export function wrapWords(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
