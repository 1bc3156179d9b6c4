// The search page: asks this language's Pagefind index (./pagefind/) and lists the
// documents found, each with its symbol, its title and a passage with the match, linked
// to the place of the match. The query is the page's ?q= parameter.
const MAX_RESULTS = 50;

const field = document.getElementById("un-search-query");
const status = document.querySelector(".un-search-status");
const list = document.querySelector(".un-search-results");
const here = new URL(".", window.location.href);

// The status line; ``done`` tells scripts (and tests) that the search has finished.
function say(key, values = {}, done = true) {
  let text = status.dataset[key];
  for (const [name, value] of Object.entries(values)) text = text.replace(`{${name}}`, value);
  status.textContent = text;
  status.dataset.done = done ? "yes" : "no";
}

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

// Text of an HTML fragment, its entities decoded and its spaces kept.
function decode(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  return template.content.textContent;
}

// The excerpt is Pagefind's text of our own page with <mark> around the match: keep
// the marks, never any other markup.
function excerpt(html) {
  const paragraph = element("p", { class: "un-result-excerpt" });
  const parts = html.split(/(<mark>.*?<\/mark>)/);
  for (const part of parts) {
    const marked = part.match(/^<mark>(.*)<\/mark>$/);
    const text = decode(marked ? marked[1] : part);
    paragraph.append(marked ? element("mark", {}, text) : document.createTextNode(text));
  }
  return paragraph;
}

// The place of the page that matches best: the section with the most matches.
function bestPlace(data) {
  const places = (data.sub_results || []).filter((s) => s.url && s.url.includes("#"));
  if (!places.length) return null;
  return places.reduce((a, b) => ((b.locations || []).length > (a.locations || []).length ? b : a));
}

function render(data) {
  const item = element("li", { class: "un-result" });
  const place = bestPlace(data);
  if (data.meta.symbol) {
    item.append(element("p", { class: "un-result-symbol un-symbol", dir: "ltr", translate: "no" },
      data.meta.symbol));
  }
  const heading = element("h2", { class: "un-result-title" });
  heading.append(element("a", { href: data.url }, data.meta.title || data.url));
  item.append(heading, excerpt(place ? place.excerpt : data.excerpt));
  if (place && place.title && place.title !== data.meta.title) {
    const where = element("p", { class: "un-result-place" });
    where.append(element("a", { href: place.url }, place.title));
    item.append(where);
  }
  return item;
}

async function run(query) {
  list.replaceChildren();
  say("searching", {}, false);
  let pagefind;
  try {
    pagefind = await import(new URL("pagefind/pagefind.js", here).href);
    await pagefind.options({ baseUrl: here.pathname });
  } catch (error) {
    say("unavailable");
    throw error;
  }
  const search = await pagefind.search(query);
  const found = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  if (!found.length) {
    say("none", { query });
    return;
  }
  list.replaceChildren(...found.map(render));
  say("results", { count: String(search.results.length) });
}

const query = (new URLSearchParams(window.location.search).get("q") || "").trim();
field.value = query;
document.querySelectorAll(".un-search-box input[name=q]").forEach((box) => { box.value = query; });
if (query) {
  run(query);
} else {
  status.textContent = "";
  field.focus();
}
