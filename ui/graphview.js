// The Explore graph: vis-network (pyvis's own copy, inlined above this code by ui/graphview.py)
// drawn in the page, reporting clicks to Python as trigger values of an st.components.v2
// component: "select" on a click, "expand" on a double click. Names reach the page as text
// (textContent, vis titles as plain strings), never as HTML.

const vis = globalThis.vis;
const MIN_SCALE = 0.9; // 14-unit labels draw at 12.6 px or more when the view opens
const CLICK_DELAY = 260; // ms: a double click must not also send two single clicks

// Touch screens: the page must still scroll past the graph. The canvas (hammer.js sets
// touch-action: none on it) sits behind an overlay until the reader taps it.
function isTouch() {
  return window.matchMedia("(pointer: coarse)").matches;
}

function build(parent) {
  const root = element("div", "kbg");
  const legend = element("div", "kbg-legend");
  const stage = element("div", "kbg-stage");
  const canvas = element("div", "kbg-canvas");
  const cover = element("button", "kbg-cover");
  cover.type = "button";
  const tools = element("div", "kbg-tools");
  const fit = element("button", "kbg-fit");
  fit.type = "button";
  const done = element("button", "kbg-done");
  done.type = "button";
  done.hidden = true;
  const names = element("ul", "kbg-names");
  tools.append(fit, done);
  stage.append(canvas, cover, tools);
  root.append(legend, stage, names);
  parent.appendChild(root);
  cover.hidden = !isTouch();
  return root;
}

function setTouch(root, active) {
  const state = root.kbg;
  root.querySelector(".kbg-cover").hidden = active || !isTouch();
  root.querySelector(".kbg-done").hidden = !active || !isTouch();
  if (state && state.network) {
    state.network.setOptions({ interaction: { dragView: active || !isTouch(), zoomView: active || !isTouch() } });
  }
}

function fillTexts(root, data) {
  root.querySelector(".kbg-fit").textContent = data.texts.fit;
  root.querySelector(".kbg-cover").textContent = data.texts.touch;
  root.querySelector(".kbg-done").textContent = data.texts.done;
  root.querySelector(".kbg-canvas").style.height = `${data.height}px`;
  const canvas = root.querySelector(".kbg-canvas");
  canvas.setAttribute("role", "img");  // a drawing with a name; its text alternative is the list of names
  canvas.setAttribute("aria-label", data.texts.canvas);
  const legend = root.querySelector(".kbg-legend");
  legend.replaceChildren(element("span", "kbg-legend-title", data.texts.legend));
  for (const item of data.legend) {
    const chip = element("span", "kbg-chip");
    const dot = element("span", "kbg-dot");
    dot.style.background = item.colour;
    chip.append(dot, element("span", "", item.label));
    legend.appendChild(chip);
  }
  const names = root.querySelector(".kbg-names");
  names.setAttribute("aria-label", data.texts.names);
  names.replaceChildren(...data.nodes.map((node) => element("li", "", node.name)));
}

// Everything in sight when that keeps labels legible; else legible, around the chosen entity.
function view(network, data) {
  network.fit({ animation: false });
  const scale = Math.min(Math.max(network.getScale(), MIN_SCALE), 1.3);
  const known = data.centre && data.nodes.some((n) => n.id === data.centre);
  const position = known ? network.getPosition(data.centre) : network.getViewPosition();
  network.moveTo({ position: position, scale: scale, animation: false });
}

function draw(root, data) {
  const state = root.kbg || {};
  if (state.network) state.network.destroy();
  const canvas = root.querySelector(".kbg-canvas");
  const network = new vis.Network(
    canvas,
    { nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges) },
    {
      autoResize: true,
      physics: { enabled: false },
      interaction: {
        hover: true,
        tooltipDelay: 150,
        navigationButtons: false,
        keyboard: false,
        dragView: !isTouch(),
        zoomView: !isTouch(),
      },
      nodes: {
        shape: "dot",
        borderWidth: 1,
        font: { size: 14, color: "#1a1a1a", strokeWidth: 4, strokeColor: "#ffffff", multi: false },
      },
      edges: {
        smooth: false,
        color: { color: "#9e9e9e", highlight: "#222222", hover: "#555555" },
        arrows: { to: { enabled: true, scaleFactor: 0.5 } },
        font: { size: 13, color: "#333333", strokeWidth: 0, background: "#ffffff", align: "horizontal" },
      },
    },
  );
  let pending = null;
  network.on("click", (event) => {
    if (!event.nodes.length || !root.kbg.expandable) return;
    clearTimeout(pending);
    pending = setTimeout(() => root.kbg.send("select", event.nodes[0]), CLICK_DELAY);
  });
  network.on("doubleClick", (event) => {
    clearTimeout(pending);
    if (event.nodes.length && root.kbg.expandable) root.kbg.send("expand", event.nodes[0]);
  });
  network.once("afterDrawing", () => view(network, data));
  root.kbg = Object.assign(state, { network, key: data.key });
}

export default function (component) {
  const { parentElement, setTriggerValue } = component;
  const data = component.data[0]; // sent in a list: Streamlit scans a dict's values with pandas
  const root = parentElement.querySelector(".kbg") || build(parentElement);
  if (!root.dataset.wired) {
    root.dataset.wired = "1";
    root.querySelector(".kbg-fit").addEventListener("click", () => root.kbg && root.kbg.network.fit({ animation: true }));
    root.querySelector(".kbg-cover").addEventListener("click", () => setTouch(root, true));
    root.querySelector(".kbg-done").addEventListener("click", () => setTouch(root, false));
  }
  fillTexts(root, data);
  if (!root.kbg || root.kbg.key !== data.key) draw(root, data);
  Object.assign(root.kbg, { send: setTriggerValue, data, expandable: data.expandable });
  if (data.selected && data.nodes.some((n) => n.id === data.selected)) root.kbg.network.selectNodes([data.selected]);
  return () => {
    if (root.kbg && root.kbg.network) root.kbg.network.destroy();
    root.kbg = null;
  };
}
