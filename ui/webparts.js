// Put before each of the UI's component modules (ui/webparts.py): the one way they make an
// element, its text always through textContent (never parsed as HTML).

function element(tag, className, text) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}
