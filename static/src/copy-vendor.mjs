// Copies the front-end files the pages use from node_modules into
// static/dist, so the running site never depends on node_modules or a CDN.
import { cpSync, mkdirSync } from "node:fs";

const dist = "static/dist";
mkdirSync(`${dist}/vendor`, { recursive: true });
cpSync("node_modules/govuk-frontend/dist/govuk/assets", `${dist}/govuk/assets`, { recursive: true });
cpSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", `${dist}/vendor/govuk-frontend.min.js`);
cpSync("node_modules/htmx.org/dist/htmx.min.js", `${dist}/vendor/htmx.min.js`);
cpSync(
  "node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.js",
  `${dist}/vendor/accessible-autocomplete.min.js`,
);
cpSync(
  "node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.css",
  `${dist}/vendor/accessible-autocomplete.min.css`,
);
cpSync("static/src/js/application.mjs", `${dist}/application.mjs`);
cpSync("static/src/js/coding.mjs", `${dist}/coding.mjs`);
cpSync("static/src/js/personal_data_check.mjs", `${dist}/personal_data_check.mjs`);
cpSync("static/src/js/redact_selection.mjs", `${dist}/redact_selection.mjs`);
