//! Writes `.br` and `.gz` copies of the static assets once, at best
//! compression, so each request for the 1 MB+ wasm costs a file read rather
//! than a fresh compression.

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

const COMPRESSIBLE: [&str; 4] = ["wasm", "js", "css", "svg"];

/// Compresses every asset in `dir` that has no up-to-date copies yet.
pub fn precompress_dir(dir: &Path) -> std::io::Result<usize> {
    let mut written = 0;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if !COMPRESSIBLE.contains(&ext) {
            continue;
        }
        for (suffix, compress) in [("br", brotli_file as Compressor), ("gz", gzip_file)] {
            let target = with_suffix(&path, suffix);
            if !is_fresh(&target, &path) {
                // Write beside, then rename: a reader never sees half a file.
                let partial = with_suffix(&path, &format!("{suffix}.partial"));
                compress(&path, &partial)?;
                std::fs::rename(&partial, &target)?;
                written += 1;
            }
        }
    }
    Ok(written)
}

type Compressor = fn(&Path, &Path) -> std::io::Result<()>;

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn is_fresh(copy: &Path, original: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(copy), modified(original)), (Some(c), Some(o)) if c >= o)
}

fn brotli_file(src: &Path, dst: &Path) -> std::io::Result<()> {
    let mut input = BufReader::new(File::open(src)?);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut output = BufWriter::new(File::create(dst)?);
    brotli::BrotliCompress(&mut input, &mut output, &params)?;
    output.flush()
}

fn gzip_file(src: &Path, dst: &Path) -> std::io::Result<()> {
    let mut input = BufReader::new(File::open(src)?);
    let output = BufWriter::new(File::create(dst)?);
    let mut encoder = flate2::write::GzEncoder::new(output, flate2::Compression::best());
    std::io::copy(&mut input, &mut encoder)?;
    encoder.finish()?.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn assets_get_compressed_copies_that_decompress_to_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let original = "body { color: red; }\n".repeat(200);
        std::fs::write(dir.path().join("site.css"), &original).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "left alone").unwrap();

        assert_eq!(precompress_dir(dir.path()).unwrap(), 2);
        assert_eq!(
            precompress_dir(dir.path()).unwrap(),
            0,
            "fresh copies are kept"
        );
        assert!(!dir.path().join("notes.txt.br").exists());

        let mut gz = String::new();
        flate2::read::GzDecoder::new(File::open(dir.path().join("site.css.gz")).unwrap())
            .read_to_string(&mut gz)
            .unwrap();
        assert_eq!(gz, original);
        let mut br = String::new();
        brotli::Decompressor::new(File::open(dir.path().join("site.css.br")).unwrap(), 4096)
            .read_to_string(&mut br)
            .unwrap();
        assert_eq!(br, original);
    }
}
