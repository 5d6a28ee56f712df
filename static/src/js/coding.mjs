// Coding a page. A passage selected in the page text is copied into the form's
// passage box; the issue picker becomes an accessible autocomplete (alphagov's
// accessible-autocomplete: type a code or words of the title) and the causes
// shown follow the chosen issue. Keys: A accepts the first suggestion, X rejects
// it, N opens the next page with suggestions, C moves to the coding form.
// Without JavaScript every control is an ordinary select, box or button, and
// the server checks the causes.
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
  for (const input of document.querySelectorAll("#coding-form input[name='causes']")) {
    const item = input.closest(".govuk-checkboxes__item");
    const label = item.querySelector("label").textContent.trim();
    const matches = chosen !== "" && label.startsWith(`${chosen}:`);
    item.hidden = !matches;
    if (!matches) input.checked = false;
  }
}

function autocomplete(select, onConfirm) {
  const library = window.accessibleAutocomplete;
  if (!library || !select) return;
  library.enhanceSelectElement({
    selectElement: select,
    defaultValue: "",
    showAllValues: true,
    dropdownArrow: () => "",
    onConfirm: (label) => {
      const option = [...select.options].find((o) => o.textContent === label);
      if (option) select.value = option.value;
      onConfirm?.();
    },
  });
}

const keys = {
  a: () => document.querySelector(".app-accept[aria-keyshortcuts='a']")?.click(),
  x: () => document.querySelector(".app-reject[aria-keyshortcuts='x']")?.click(),
  n: () => document.getElementById("next-suggestions")?.click(),
  c: () => (document.getElementById("id_excerpt") ?? issue)?.focus(),
};

document.addEventListener("keydown", (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
  if (event.target.closest("input, textarea, select, [contenteditable], [role='combobox']")) return;
  const action = keys[event.key.toLowerCase()];
  if (action) {
    event.preventDefault();
    action();
  }
});

if (text && excerpt) {
  text.addEventListener("mouseup", copySelection);
  text.addEventListener("keyup", copySelection);
}
if (issue) {
  issue.addEventListener("change", showCausesForIssue);
  showCausesForIssue();
  autocomplete(issue, showCausesForIssue);
}
for (const picker of document.querySelectorAll(".app-issue-picker")) autocomplete(picker);
