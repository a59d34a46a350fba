// The page's words, in its language: the build writes the messages the scripts use, from the
// site's translation catalogue (i18n/LANG.yaml), into <script type="application/json"
// id="words">. Messages name their arguments in braces, {count}; a message with plural forms
// is chosen by the language's CLDR rules, as Go's internal/words does.

/** @type {{lang: string, messages: Record<string, string | Record<string, string>>}} */
const data = read();

function read() {
  const el = typeof document !== "undefined" && document.getElementById("words");
  if (el) {
    try {
      return JSON.parse(el.textContent || "{}");
    } catch {
      // Fall through: keys will show, which a test notices.
    }
  }
  return { lang: "en", messages: {} };
}

/** The language of the page's words. */
export const lang = data.lang || document.documentElement.lang || "en";

const plurals = new Intl.PluralRules(lang);

function fill(text, args) {
  return text.replace(/\{([a-z_]+)\}/g, (m, name) => (name in args ? String(args[name]) : m));
}

/**
 * t returns the message of key with its arguments filled in: t("group.starting", {date}).
 * @param {string} key
 * @param {Record<string, unknown>} [args]
 */
export function t(key, args = {}) {
  const m = data.messages[key];
  if (m === undefined) return `[${key}]`;
  return fill(typeof m === "string" ? m : m.other, args);
}

/**
 * tn returns the message of key in the plural form of n, with {count} set to n.
 * @param {string} key
 * @param {number} n
 * @param {Record<string, unknown>} [args]
 */
export function tn(key, n, args = {}) {
  const m = data.messages[key];
  if (m === undefined) return `[${key}]`;
  const all = { count: n, ...args };
  if (typeof m === "string") return fill(m, all);
  return fill(m[plurals.select(n)] ?? m.other, all);
}

/**
 * label returns the label of a fixed value: label("program", "conexion").
 * @param {string} kind
 * @param {string} value
 */
export function label(kind, value) {
  const key = `${kind}.${value}`;
  return key in data.messages ? t(key) : value;
}

/**
 * list joins items as the language does: "a, b and c".
 * @param {string[]} items
 */
export function list(items) {
  if (items.length <= 1) return items.join("");
  let head = items[0];
  for (const it of items.slice(1, -1)) head = t("list.more", { a: head, b: it });
  return t("list.last", { a: head, b: items[items.length - 1] });
}
