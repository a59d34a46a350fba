// The group finder (/groups/): search and filters over the index the Go build writes, with
// the query kept in the URL so a list can be shared and back/forward work. Without this
// script the page still lists every state's groups.

import { queryWords } from "./fold.js";
import { Index, filterNames, siteBase, siteHome } from "./search-index.js";
import { el, groupItem } from "./results.js";
import { lang, t, tn } from "./words.js";
// Named here too, so the browser fetches it with the others rather than after results.js.
import "./meetings.js";

const pageSize = 20;
const fields = ["q", ...filterNames];

const form = document.querySelector("form.finder");
const status = document.getElementById("results");
if (form && status) start(form, status);

/**
 * start wires the finder up.
 * @param {HTMLFormElement} form
 * @param {HTMLElement} status the live region: it says what was found
 */
function start(form, status) {
  const base = siteBase();
  const home = siteHome();
  const index = new Index(base, lang);
  const list = el("div", "finder-results");
  status.after(list);
  const states = document.querySelector("section.states");
  if (states && !states.id) states.id = "states";

  const near = el("button", "near", t("js.near-me"));
  near.type = "button";
  near.setAttribute("aria-pressed", "false");
  near.title = t("js.near-me-title");
  form.querySelector('button[type="submit"], button:not([type])')?.after(" ", near);

  let runs = 0;
  let shown = pageSize;
  let position = null; // [lat, lon], only in memory, only after the visitor asked
  let typing = false; // a query being typed replaces the history entry it pushed first
  let firstResults = true;

  // read returns the query of the URL, keeping only filter values the form offers.
  function read() {
    const p = new URLSearchParams(location.search);
    const q = { q: p.get("q") || "" };
    for (const name of filterNames) {
      const v = p.get(name) || "";
      const sel = form.elements.namedItem(name);
      q[name] = sel && [...sel.options].some((o) => o.value === v) ? v : "";
    }
    return q;
  }

  function fill(q) {
    for (const name of fields) {
      const f = form.elements.namedItem(name);
      if (f) f.value = q[name];
    }
  }

  function fromForm() {
    const q = {};
    for (const name of fields) {
      const f = form.elements.namedItem(name);
      q[name] = f ? f.value.trim() : "";
    }
    return q;
  }

  function searchOf(q) {
    const p = new URLSearchParams();
    for (const name of fields) if (q[name]) p.set(name, q[name]);
    const s = p.toString();
    return s ? `?${s}` : location.pathname;
  }

  // go records q in the history (a new entry, or replacing the current one) and runs it.
  function go(q, replace) {
    const url = searchOf(q);
    if (url !== searchOf(read())) {
      if (replace) history.replaceState(null, "", url);
      else history.pushState(null, "", url);
    }
    shown = pageSize;
    run(q);
  }

  function label(name, value) {
    const sel = form.elements.namedItem(name);
    const opt = sel && [...sel.options].find((o) => o.value === value);
    return opt ? opt.textContent : value;
  }

  function say(text) {
    status.replaceChildren(el("p", "finder-status", text));
  }

  async function run(q) {
    const id = ++runs;
    const filters = filterNames.filter((n) => q[n]);
    const words = queryWords(q.q);
    status.setAttribute("aria-busy", "true");
    try {
      if (!words.length && !filters.length && !position) {
        list.replaceChildren();
        say(q.q ? t("js.too-short") : "");
        return;
      }
      const refs = await index.match(q.q, q);
      if (id !== runs) return;
      const now = Date.now();
      let items;
      if (position) {
        items = await index.nearest(refs, position, Math.min(shown, refs.length));
      } else {
        const page = refs.slice(0, shown);
        const recs = await index.records(page);
        items = recs.map((rec, i) => ({ ref: page[i], rec, km: undefined }));
      }
      if (id !== runs) return;
      const { paths } = await index.manifest();
      if (id !== runs) return;
      show(q, filters, refs.length, items, now, paths);
    } catch (err) {
      if (id !== runs) return;
      list.replaceChildren();
      say(t("js.failed-finder"));
      console.error(err);
    } finally {
      if (id === runs) {
        status.setAttribute("aria-busy", "false");
        status.dataset.state = "done";
        if (firstResults) {
          firstResults = false;
          performance.mark("finder:results");
        }
      }
    }
  }

  function show(q, filters, count, items, now, paths) {
    const what = [];
    if (q.q.trim()) what.push(t("js.quoted", { what: q.q.trim() }));
    for (const n of filters) what.push(label(n, q[n]));
    let text = what.length ? tn("js.count-for", count, { what: what.join(", ") }) : tn("js.count", count);
    if (position) text += t("js.nearest-first");
    if (items.length < count) text += t("js.showing", { shown: items.length });
    say(`${text}.`);
    status.dataset.count = String(count);
    if (count === 0) {
      list.replaceChildren(empty(q, filters, paths));
      return;
    }
    const ul = el("ul", "groups");
    for (const it of items) ul.append(groupItem(it.rec, { home, paths, lang, now, km: it.km }));
    const parts = [ul];
    if (items.length < count) {
      const more = el("button", "more", tn("js.show-more", Math.min(pageSize, count - items.length)));
      more.type = "button";
      more.addEventListener("click", async () => {
        const before = items.length;
        shown += pageSize;
        await run(read());
        list.querySelectorAll("a.group-name")[before]?.focus();
      });
      parts.push(more);
    }
    list.replaceChildren(...parts);
  }

  // empty says that nothing matched, and offers ways to widen the search.
  function empty(q, filters, paths) {
    const box = el("div", "notice");
    box.append(el("p", "", t("js.no-match")));
    const ways = el("ul");
    for (const n of filters) {
      const b = el("button", "", t("js.remove", { what: label(n, q[n]) }));
      b.type = "button";
      b.addEventListener("click", () => {
        const next = { ...q, [n]: "" };
        fill(next);
        go(next);
      });
      ways.append(el("li").appendChild(b).parentNode);
    }
    if (q.q.trim()) {
      const b = el("button", "", t("js.without", { what: q.q.trim() }));
      b.type = "button";
      b.addEventListener("click", () => {
        const next = { ...q, q: "" };
        fill(next);
        go(next);
      });
      ways.append(el("li").appendChild(b).parentNode);
    }
    if (q.state) {
      const a = el("a", "", t("js.every-in-state", { state: label("state", q.state) }));
      a.href = home + paths.state.replace("{state}", q.state);
      ways.append(el("li").appendChild(a).parentNode);
    }
    const all = el("a", "", t("js.browse-states"));
    all.href = "#states";
    ways.append(el("li").appendChild(all).parentNode);
    box.append(ways);
    box.append(el("p", "", t("js.try-online")));
    return box;
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    typing = false;
    go(fromForm());
  });
  form.addEventListener("change", (e) => {
    if (e.target instanceof HTMLSelectElement) {
      typing = false;
      go(fromForm());
    }
  });
  let timer = 0;
  form.elements.namedItem("q")?.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      go(fromForm(), typing);
      typing = true;
    }, 250);
  });
  window.addEventListener("popstate", () => {
    typing = false;
    const q = read();
    fill(q);
    shown = pageSize;
    run(q);
  });

  near.addEventListener("click", () => {
    if (position) {
      position = null;
      near.setAttribute("aria-pressed", "false");
      run(read());
      return;
    }
    if (!navigator.geolocation) {
      say(t("js.no-geolocation"));
      return;
    }
    say(t("js.waiting-location"));
    navigator.geolocation.getCurrentPosition(
      (p) => {
        // The position stays in this page's memory: it is never sent or stored.
        position = [p.coords.latitude, p.coords.longitude];
        near.setAttribute("aria-pressed", "true");
        shown = pageSize;
        run(read());
      },
      () => say(t("js.location-unavailable")),
      { maximumAge: 600000, timeout: 20000 },
    );
  });

  const q = read();
  fill(q);
  run(q);
}
