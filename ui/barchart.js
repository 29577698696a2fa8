// The home page's bar charts (ui/barchart.py's payload) drawn as SVG at the page's width: bars
// side by side per category, the value axis with the page's number format (written by Python),
// a legend that wraps, and each bar's text in a box on hover, tap or keyboard focus. Every text
// goes in through textContent; a colour is used only when it looks like one.

const SVG = "http://www.w3.org/2000/svg";
const HEIGHT = 300;
const COLOUR = /^#[0-9a-fA-F]{3,8}$/;

function svg(tag, attributes, text) {
  const made = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) made.setAttribute(name, value);
  if (text !== undefined) made.textContent = text;
  return made;
}

function showTip(root, bar, text) {
  const tip = root.querySelector(".kbb-tip");
  tip.replaceChildren(...text.split("\n").map((line, i) => element(i ? "span" : "strong", "", line)));
  tip.hidden = false;
  const box = bar.getBoundingClientRect();
  const frame = root.getBoundingClientRect();
  const left = Math.min(Math.max(0, box.left - frame.left + box.width / 2 - tip.offsetWidth / 2), frame.width - tip.offsetWidth);
  tip.style.left = `${left}px`;
  tip.style.top = `${Math.max(0, box.top - frame.top - tip.offsetHeight - 6)}px`;
}

function draw(root, data) {
  const width = Math.max(280, root.clientWidth);
  const longest = Math.max(...data.ticks.map((tick) => tick.text.length));
  const left = 28 + longest * 7;
  const rotate = (width - left) / data.categories.length < 34;
  const bottom = rotate ? 56 : 40;
  const plotWidth = width - left - 8;
  const plotHeight = HEIGHT - bottom - 10;
  const chart = svg("svg", { width, height: HEIGHT, role: "img", "aria-label": data.label });
  const y = (value) => 10 + plotHeight - (value / data.top) * plotHeight;
  for (const tick of data.ticks) {
    chart.append(svg("line", { x1: left, x2: left + plotWidth, y1: y(tick.value), y2: y(tick.value), class: "kbb-grid" }));
    chart.append(svg("text", { x: left - 6, y: y(tick.value) + 4, "text-anchor": "end", class: "kbb-tick" }, tick.text));
  }
  chart.append(
    svg("text", { transform: `translate(12 ${10 + plotHeight / 2}) rotate(-90)`, "text-anchor": "middle", class: "kbb-title" }, data.titles.value),
  );
  const group = plotWidth / data.categories.length;
  const barWidth = (group * 0.8) / data.series.length;
  data.categories.forEach((category, i) => {
    const x = left + i * group + group / 2;
    const label = rotate
      ? svg("text", { transform: `translate(${x + 4} ${HEIGHT - bottom + 14}) rotate(-60)`, "text-anchor": "end", class: "kbb-tick" }, category)
      : svg("text", { x, y: HEIGHT - bottom + 16, "text-anchor": "middle", class: "kbb-tick" }, category);
    chart.append(label);
    data.series.forEach((series, s) => {
      const value = series.values[i];
      if (value === null || value === undefined) return;
      const top = y(value);
      const bar = svg("rect", {
        x: left + i * group + group * 0.1 + s * barWidth,
        y: top,
        width: Math.max(1, barWidth - 1),
        height: Math.max(1, y(0) - top),
        fill: COLOUR.test(series.colour) ? series.colour : "#888888",
        tabindex: "0",
        class: "kbb-bar",
      });
      const text = series.texts[i] || `${category}: ${value}`;
      bar.append(svg("title", {}, text));
      for (const event of ["pointerenter", "focus", "click"]) bar.addEventListener(event, () => showTip(root, bar, text));
      for (const event of ["pointerleave", "blur"]) bar.addEventListener(event, () => (root.querySelector(".kbb-tip").hidden = true));
      chart.append(bar);
    });
  });
  chart.append(svg("line", { x1: left, x2: left + plotWidth, y1: y(0), y2: y(0), class: "kbb-axis" }));
  if (!rotate) chart.append(svg("text", { x: left + plotWidth / 2, y: HEIGHT - 6, "text-anchor": "middle", class: "kbb-title" }, data.titles.category));
  root.querySelector(".kbb-plot").replaceChildren(chart);
}

function drawLegend(root, data) {
  const legend = root.querySelector(".kbb-legend");
  legend.hidden = !data.legend;
  const items = data.series.map((series) => {
    const item = element("li", "kbb-item");
    const swatch = element("span", "kbb-swatch");
    swatch.style.background = COLOUR.test(series.colour) ? series.colour : "#888888";
    item.append(swatch, element("span", "", series.name));
    return item;
  });
  legend.replaceChildren(...(data.titles.legend ? [element("li", "kbb-legend-title", data.titles.legend)] : []), ...items);
}

export default function (component) {
  const { parentElement } = component;
  const data = component.data[0]; // sent in a list: Streamlit scans a dict's values with pandas
  let root = parentElement.querySelector(".kbb");
  if (!root) {
    root = element("div", "kbb");
    const tip = element("div", "kbb-tip");
    tip.hidden = true;
    root.append(element("div", "kbb-plot"), element("ul", "kbb-legend"), tip);
    parentElement.appendChild(root);
    new ResizeObserver(() => root.kbb && draw(root, root.kbb)).observe(root);
  }
  root.kbb = data;
  draw(root, data);
  drawLegend(root, data);
}
