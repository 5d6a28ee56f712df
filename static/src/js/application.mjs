// Starts GOV.UK Frontend's components. Pages work without it; it adds the
// enhancements (error summary focus, navigation toggle, character counts).
import { initAll } from "./vendor/govuk-frontend.min.js";

initAll();
