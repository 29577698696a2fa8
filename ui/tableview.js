// A table of the UI (ui/tables.py's payload) as an HTML table: headers that sort the rows by
// value, numbers right-aligned, cells that are same-tab links, and rows shown a page at a time.
// A table wider than its box (a phone) is drawn as a card per row, each value under its
// column's name, and the headings become a row of sort buttons: nothing scrolls sideways.
// Every text reaches the page through textContent, never as HTML; a link is kept only when it
// is one of this app's pages (ui/links.py writes "measure?entity=measure/4.21&lang=en").

const SAFE_HREF = /^[a-z0-9-]+(\?[^\s"'<>\\]*)?$/; // never "//host", "/path" or "javascript:"

function compare(collator, a, b) {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1; // empty cells last
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

function sortedRows(state) {
  const { rows } = state.data;
  if (state.column === null) return rows;
  const index = state.column;
  const sign = state.ascending ? 1 : -1;
  const order = rows.map((row, position) => [row, position]);
  order.sort(([a, i], [b, j]) => {
    const byValue = compare(state.collator, a[index][1], b[index][1]);
    if (a[index][1] === null || b[index][1] === null) return byValue || i - j; // empty last both ways
    return sign * byValue || i - j;
  });
  return order.map(([row]) => row);
}

function cell(tag, value, numeric, label) {
  const made = element(tag, numeric ? "kbt-num" : "");
  made.setAttribute("role", "cell"); // kept when a card's CSS makes the cell a block
  made.dataset.label = label; // shown before the value in a card (CSS attr(), as text)
  const [text, , href] = value;
  if (href && SAFE_HREF.test(href)) {
    const link = element("a", "", text);
    link.href = href;
    link.target = "_self";
    made.appendChild(link);
  } else {
    made.textContent = text;
  }
  return made;
}

// The headings are built once per table (a rerun or a sort keeps them, and so the keyboard's
// focus on the heading just used); a sort only changes aria-sort and the arrow.
function buildHead(root, state) {
  const row = root.querySelector("thead tr");
  row.replaceChildren();
  state.data.columns.forEach((column, index) => {
    const th = element("th", column.numeric ? "kbt-num" : "");
    th.scope = "col";
    th.setAttribute("role", "columnheader");
    const button = element("button", "kbt-sort", column.label);
    button.type = "button";
    const mark = element("span", "kbt-mark");
    mark.setAttribute("aria-hidden", "true");
    button.appendChild(mark);
    button.addEventListener("click", () => {
      const current = root.kbt;
      current.ascending = current.column === index ? !current.ascending : true;
      current.column = index;
      markSort(root, current);
      drawBody(root, current);
    });
    th.appendChild(button);
    row.appendChild(th);
  });
}

function markSort(root, state) {
  root.querySelectorAll("thead th").forEach((th, index) => {
    const sorted = state.column === index;
    if (sorted) th.setAttribute("aria-sort", state.ascending ? "ascending" : "descending");
    else th.removeAttribute("aria-sort");
    th.querySelector(".kbt-mark").textContent = sorted ? (state.ascending ? " ▲" : " ▼") : "";
  });
}

function drawBody(root, state) {
  const body = root.querySelector("tbody");
  const { columns } = state.data;
  const rows = sortedRows(state).slice(0, state.shown);
  body.replaceChildren(
    ...rows.map((values) => {
      const tr = element("tr");
      tr.setAttribute("role", "row");
      values.forEach((value, index) => tr.appendChild(cell("td", value, columns[index].numeric, columns[index].label)));
      return tr;
    }),
  );
  const more = root.querySelector(".kbt-more");
  const left = state.data.rows.length - rows.length;
  more.hidden = left <= 0;
  more.textContent = state.data.texts.more.replace("{n}", Math.min(left, state.data.page)).replace("{left}", left);
  fit(root); // other rows (a sort, more of them) may be wider or narrower: table or cards again
}

// Cards when the table, laid out as a table, is wider than its box. Measured as a table each
// time (the class off, then on again, before the browser paints), so a wider window or a
// narrower answer brings the table back.
function fit(root) {
  const region = root.querySelector(".kbt-region");
  root.classList.remove("kbt-cards");
  const cards = overflows(region);
  root.classList.toggle("kbt-cards", cards);
  root.querySelector(".kbt-sort-by").hidden = !cards;
  // Should a card still be too wide (a word longer than the phone), the box scrolls, from the keyboard too.
  if (overflows(region)) region.tabIndex = 0;
  else region.removeAttribute("tabindex");
}

function overflows(region) {
  return region.scrollWidth > region.clientWidth + 1;
}

function build(parent) {
  const root = element("div", "kbt");
  const region = element("div", "kbt-region");
  region.setAttribute("role", "region");
  // Roles stay as they are when a card's CSS makes the table's parts blocks.
  const table = element("table");
  table.setAttribute("role", "table");
  const head = element("thead");
  const body = element("tbody");
  head.setAttribute("role", "rowgroup");
  body.setAttribute("role", "rowgroup");
  const headings = element("tr");
  headings.setAttribute("role", "row");
  head.appendChild(headings);
  table.append(element("caption", "kbt-caption"), head, body);
  const sortBy = element("p", "kbt-sort-by");
  sortBy.setAttribute("aria-hidden", "true"); // the buttons' own names say what they sort
  sortBy.hidden = true;
  region.appendChild(sortBy);
  region.appendChild(table);
  const more = element("button", "kbt-more");
  more.type = "button";
  root.append(region, more);
  parent.appendChild(root);
  return root;
}

export default function (component) {
  const { parentElement } = component;
  const data = component.data[0]; // sent in a list: Streamlit scans a dict's values with pandas
  const root = parentElement.querySelector(".kbt") || build(parentElement);
  const fresh = !root.kbt || root.kbt.signature !== data.signature;
  if (fresh) {
    root.kbt = {
      data,
      signature: data.signature,
      column: null,
      ascending: true,
      shown: data.page,
      collator: new Intl.Collator(data.lang, { numeric: true, sensitivity: "base" }),
    };
  }
  const state = root.kbt;
  state.data = data;
  root.querySelector(".kbt-caption").textContent = data.caption;
  root.querySelector(".kbt-sort-by").textContent = data.texts.sort;
  root.querySelector(".kbt-region").setAttribute("aria-label", data.caption);
  if (!root.dataset.wired) {
    root.dataset.wired = "1";
    root.querySelector(".kbt-more").addEventListener("click", () => {
      root.kbt.shown += root.kbt.data.page;
      drawBody(root, root.kbt);
    });
    let width = null; // only a new width refits: the cards' own height changes the box too
    new ResizeObserver(([entry]) => {
      if (entry.contentRect.width === width) return;
      width = entry.contentRect.width;
      requestAnimationFrame(() => fit(root));
    }).observe(root);
  }
  if (fresh) buildHead(root, state);
  markSort(root, state);
  drawBody(root, state);
}
