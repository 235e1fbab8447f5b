// Loads the Rust/WASM consent test page (src/web/consent_run.rs).
import { start_consent_test } from "./wasm/cookielens.js";
import { startPage } from "./start.js";

await startPage(start_consent_test, "consent-test");
