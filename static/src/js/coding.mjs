// Coding a page: a passage selected in the page text is copied into the
// form's passage box, and the causes shown follow the chosen issue. Without
// JavaScript the analyst pastes the passage and the server checks the causes.
const text = document.getElementById("page-text");
const excerpt = document.getElementById("id_excerpt");
const issue = document.getElementById("id_issue");

function copySelection() {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !text.contains(selection.anchorNode)) return;
  const passage = selection.toString().trim();
  if (passage) excerpt.value = passage;
}

function showCausesForIssue() {
  const chosen = issue.options[issue.selectedIndex]?.text.split(":")[0] ?? "";
  for (const input of document.querySelectorAll("input[name='causes']")) {
    const item = input.closest(".govuk-checkboxes__item");
    const label = item.querySelector("label").textContent.trim();
    const matches = chosen !== "" && label.startsWith(`${chosen}:`);
    item.hidden = !matches;
    if (!matches) input.checked = false;
  }
}

if (text && excerpt) {
  text.addEventListener("mouseup", copySelection);
  text.addEventListener("keyup", copySelection);
}
if (issue) {
  issue.addEventListener("change", showCausesForIssue);
  showCausesForIssue();
}
