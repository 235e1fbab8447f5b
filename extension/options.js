// Loads the Rust/WASM settings page.
import { start_options } from "./wasm/cookielens.js";
import { startPage } from "./start.js";

await startPage(start_options, "options");
