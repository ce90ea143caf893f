//! `split-site APP.wasm PKG_DIR`: splits the hydrate build (linked with `--emit-relocs`) into
//! the code every page needs and chunks for each page, the way `cargo leptos --split` does.
//!
//! Writes into PKG_DIR the chunks, their loader (`__wasm_split.______________________.js`, the
//! name Leptos' `HydrationScripts` links to) and `__wasm_split_manifest.json` (which chunks each
//! page needs; the server reads it to preload them). The main module is left beside APP.wasm as
//! `APP_split.wasm` for wasm-bindgen.

use std::path::PathBuf;

use anyhow::{Context, bail};

/// What Leptos names the loader when file hashing is off.
const LOADER: &str = "./__wasm_split.______________________.js";
/// Where the browser finds wasm-bindgen's glue, which the loader imports: beside the loader,
/// in the build's own folder.
const MAIN_MODULE: &str = "./samverkan.js";

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, pkg] = args.as_slice() else {
        bail!("usage: split-site APP.wasm PKG_DIR");
    };
    let input = PathBuf::from(input);
    let pkg = PathBuf::from(pkg);
    let wasm = std::fs::read(&input).with_context(|| format!("reading {}", input.display()))?;
    let main_out = input.with_file_name(format!(
        "{}_split.wasm",
        input.file_stem().and_then(|s| s.to_str()).unwrap_or("app")
    ));
    std::fs::create_dir_all(&pkg)?;
    // Chunks of an earlier build would otherwise stay behind and be served.
    for entry in std::fs::read_dir(&pkg)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with("__wasm_split")
            || name.starts_with("split_")
            || name.starts_with("chunk_")
        {
            std::fs::remove_file(&path)?;
        }
    }
    let mut options = wasm_split_cli_support::Options::new(&wasm);
    options.output_dir = &pkg;
    options.main_out_path = &main_out;
    options.main_module = MAIN_MODULE;
    options.link_name = LOADER;
    let split = wasm_split_cli_support::transform(options).map_err(|e| {
        anyhow::anyhow!("splitting the WASM (linked with -Clink-args=--emit-relocs?): {e:#}")
    })?;
    let manifest: std::collections::BTreeMap<_, _> = split.prefetch_map.into_iter().collect();
    std::fs::write(
        pkg.join("__wasm_split_manifest.json"),
        serde_json::to_string_pretty(&manifest)?,
    )?;
    println!(
        "split {} into {} and {} chunks",
        input.display(),
        main_out.display(),
        split.split_modules.len()
    );
    Ok(())
}
