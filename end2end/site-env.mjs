// How the release server is told to serve the build in target/site on a
// port of its own; shared by the Playwright suite and the size measurement.

/** The server's environment for serving `target/site` at 127.0.0.1:`port`. */
export function siteEnv(port) {
  return {
    LEPTOS_OUTPUT_NAME: "helpdesk",
    LEPTOS_SITE_ROOT: "target/site",
    LEPTOS_SITE_PKG_DIR: "pkg",
    LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
    LEPTOS_HASH_FILES: "true",
    LEPTOS_ENV: "PROD",
    RUST_LOG: "warn",
  };
}
