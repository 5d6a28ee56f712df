// Checking personal data by keyboard: R redacts, A redacts every occurrence,
// 1–6 choose a reason to keep it, K keeps it, J goes to the next item. Keys
// are ignored while typing in a field, and with a modifier held, so browser
// and screen reader shortcuts keep working. Without JavaScript every action
// is an ordinary button or link.
const actions = {
  r: () => document.getElementById("redact-one")?.click(),
  a: () => document.getElementById("redact-all")?.click(),
  k: () => document.getElementById("keep-one")?.click(),
  j: () => document.getElementById("next-item")?.click(),
};

function chooseReason(index) {
  const option = document.getElementById(`id_reason_${index}`);
  if (!option) return;
  option.click(); // checks it, and reveals the "Another reason" box for the last one
  option.focus();
}

document.addEventListener("keydown", (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
  const target = event.target;
  if (target.closest("textarea, input[type='text'], select, [contenteditable]")) return;
  const key = event.key.toLowerCase();
  if (key >= "1" && key <= "6") {
    event.preventDefault();
    chooseReason(Number(key) - 1);
  } else if (actions[key]) {
    event.preventDefault();
    actions[key]();
  }
});
