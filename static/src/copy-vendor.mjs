// Copies the front-end files the pages use from node_modules into
// static/dist, so the running site never depends on node_modules or a CDN.
import { cpSync, mkdirSync } from "node:fs";

const dist = "static/dist";
mkdirSync(`${dist}/vendor`, { recursive: true });

// A minified file names its source map; collectstatic's manifest storage
// refuses a reference it cannot find, so each map travels with its file.
function copyWithMap(source, name) {
  cpSync(source, `${dist}/vendor/${name}`);
  cpSync(`${source}.map`, `${dist}/vendor/${name}.map`);
}

cpSync("node_modules/govuk-frontend/dist/govuk/assets", `${dist}/govuk/assets`, { recursive: true });
copyWithMap("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", "govuk-frontend.min.js");
cpSync("node_modules/htmx.org/dist/htmx.min.js", `${dist}/vendor/htmx.min.js`);
copyWithMap(
  "node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.js",
  "accessible-autocomplete.min.js",
);
copyWithMap(
  "node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.css",
  "accessible-autocomplete.min.css",
);
cpSync("static/src/js/application.mjs", `${dist}/application.mjs`);
cpSync("static/src/js/coding.mjs", `${dist}/coding.mjs`);
cpSync("static/src/js/personal_data_check.mjs", `${dist}/personal_data_check.mjs`);
cpSync("static/src/js/redact_selection.mjs", `${dist}/redact_selection.mjs`);
