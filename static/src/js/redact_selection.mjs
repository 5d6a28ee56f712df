// Redacting a selection: text selected in the page is copied into the
// "Text to redact" box. Without JavaScript the manager copies it there.
const text = document.getElementById("page-text");
const field = document.getElementById("id_text");

function copySelection() {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !text.contains(selection.anchorNode)) return;
  const chosen = selection.toString().trim();
  if (chosen) field.value = chosen;
}

if (text && field) {
  text.addEventListener("mouseup", copySelection);
  text.addEventListener("keyup", copySelection);
}
