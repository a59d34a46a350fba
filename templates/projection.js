// The finder's results on a national map too full for the build to mark every group: the
// map carries its projections (data-projection, written by internal/render's
// projectionAttr), and the results are placed as Go's geo.NationalMap.Project places a
// point. Both are held to testdata/shared/national-projection.json.

import { t } from "./words.js";

const rad = Math.PI / 180;

/**
 * parseProjection reads a map's data-projection: each projection's numbers (n c rho0 lon0
 * scale dx dy, then an inset's region: west south east north) apart by spaces, projections
 * apart by semicolons, the insets first and the lower 48's last.
 * @param {string | null} text
 * @returns {{n: number, c: number, rho0: number, lon0: number, scale: number, dx: number, dy: number, region?: number[]}[]}
 */
export function parseProjection(text) {
  const out = [];
  for (const part of String(text || "").split(";")) {
    const v = part.trim().split(/\s+/).map(Number);
    if ((v.length !== 7 && v.length !== 11) || !v.every(Number.isFinite)) return [];
    const p = { n: v[0], c: v[1], rho0: v[2], lon0: v[3], scale: v[4], dx: v[5], dy: v[6] };
    if (v.length === 11) p.region = v.slice(7);
    out.push(p);
  }
  return out.length && !out[out.length - 1].region ? out : [];
}

/**
 * project returns where the point at ([lat, lon], degrees) stands on the map of projections
 * params ([x, y]): in the first inset whose region holds it, else in the last projection.
 * @param {ReturnType<typeof parseProjection>} params
 * @param {number[]} at
 */
export function project(params, at) {
  const [lat, lon] = at;
  let p = params[params.length - 1];
  let l = lon;
  for (const q of params) {
    if (!q.region) continue;
    const [west, south, east, north] = q.region;
    const k = west < -180 && lon > 0 ? lon - 360 : lon;
    if (k >= west && k <= east && lat >= south && lat <= north) {
      p = q;
      l = k;
      break;
    }
  }
  const d = l - p.lon0;
  const dlon = d - 360 * Math.round(d / 360);
  const rho = Math.sqrt(p.c - 2 * p.n * Math.sin(lat * rad)) / p.n;
  const theta = p.n * dlon * rad;
  return [rho * Math.sin(theta) * p.scale + p.dx, (rho * Math.cos(theta) - p.rho0) * p.scale + p.dy];
}

/**
 * markResults draws on svg, when it carries its projections, a marker for each of items
 * ({rec}) that meets in a known place, as the build draws one: a link to the group with its
 * name and town, out of the tab order (the list has the same links). The markers of the
 * previous results go. href gives a record's address.
 * @param {SVGSVGElement} svg
 * @param {{rec: object}[]} items
 * @param {(rec: object) => string} href
 */
export function markResults(svg, items, href) {
  const params = parseProjection(svg.getAttribute("data-projection"));
  svg.querySelector("g.results")?.remove();
  if (!params.length || !items.length) return;
  const r = svg.getAttribute("data-radius") || "4.5";
  // In the map's own namespace, SVG's, taken from it: the script names no address at all.
  const ns = svg.namespaceURI;
  const g = document.createElementNS(ns, "g");
  g.setAttribute("class", "results");
  // The first result drawn last, over the others.
  for (const { rec } of [...items].reverse()) {
    if (!Array.isArray(rec.coords) || rec.coords.length !== 2) continue;
    const [x, y] = project(params, rec.coords);
    const a = document.createElementNS(ns, "a");
    a.setAttribute("class", `marker is-result${rec.approx ? " is-approx" : ""}${rec.paused ? " is-paused" : ""}`);
    a.setAttribute("href", href(rec));
    a.setAttribute("data-id", rec.id);
    let label = rec.city ? t("map.marker", { name: rec.name, town: rec.city }) : rec.name;
    if (rec.approx) label = t("map.marker-approx", { marker: label });
    if (rec.paused) label = t("map.marker-paused", { marker: label });
    a.setAttribute("aria-label", label);
    a.setAttribute("tabindex", "-1");
    const c = document.createElementNS(ns, "circle");
    c.setAttribute("cx", x.toFixed(1));
    c.setAttribute("cy", y.toFixed(1));
    c.setAttribute("r", r);
    a.append(c);
    g.append(a);
  }
  svg.append(g);
}
