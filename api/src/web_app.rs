//! The browser app's files. `scripts/build-web` builds two bundles into `NES_STATIC_DIR`: the
//! applicant's at its root, served at `/`, and the staff's (officer `/kurum/…`, operator
//! `/kamusm/…`, staff login `/personel/…`) in `staff/`, served at `/staff/`. A path that names no file gets the
//! `index.html` of the bundle whose pages live there, so that deep links and reloads work.
//!
//! `scripts/build-web` writes a brotli and a gzip copy beside each file (`x.wasm.br`,
//! `x.wasm.gz`). The answer is the copy the request accepts; without one, the file compressed
//! here; else the file itself. Each copy is a file of its own, so its `ETag` and
//! `Content-Length` are its own. A name with a content hash never changes content: kept a
//! year, immutable. Everything else — `index.html` names the current hashes — is revalidated.

use std::path::{Path, PathBuf};

use actix_files::NamedFile;
use actix_http::encoding::Encoder;
use actix_web::http::header::{
    self, AcceptEncoding, ContentEncoding, Encoding, HeaderValue, CACHE_CONTROL, VARY,
};
use actix_web::{HttpMessage, HttpRequest, HttpResponse};

/// The staff bundle's folder under the static directory, and its URL prefix.
pub const STAFF_DIR: &str = "staff";

/// The first path segments of the staff app's pages (web's router): they load its bundle.
const STAFF_SEGMENTS: [&str; 4] = ["kurum", "kamusm", "personel", STAFF_DIR];

/// What is worth compressing; the rest (images, fonts) is compressed already.
const COMPRESSIBLE: [&str; 7] = ["wasm", "js", "css", "html", "svg", "json", "txt"];

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The two bundles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    Applicant,
    Staff,
}

impl Bundle {
    /// The bundle whose router shows this path.
    pub fn of_path(path: &str) -> Bundle {
        let first = path.trim_start_matches('/').split('/').next();
        match first {
            Some(first) if STAFF_SEGMENTS.contains(&first) => Bundle::Staff,
            _ => Bundle::Applicant,
        }
    }
}

/// The built browser app in its directory.
#[derive(Debug, Clone)]
pub struct WebApp {
    dir: PathBuf,
}

impl WebApp {
    pub fn new(dir: &Path) -> WebApp {
        WebApp {
            dir: dir.to_path_buf(),
        }
    }

    /// Both bundles' `index.html`, whether built or not (the CSP allows their inline loaders).
    pub fn index_files(&self) -> [PathBuf; 2] {
        [
            self.dir.join("index.html"),
            self.dir.join(STAFF_DIR).join("index.html"),
        ]
    }

    /// Whether the applicant's bundle, the one every other path falls back to, is built.
    pub fn is_built(&self) -> bool {
        self.dir.join("index.html").is_file()
    }

    /// The `index.html` a bundle's pages load. Until the staff bundle is built on its own, the
    /// one app holds every page.
    fn index_for(&self, bundle: Bundle) -> Option<PathBuf> {
        let [applicant, staff] = self.index_files();
        let index = match bundle {
            Bundle::Staff if staff.is_file() => staff,
            _ => applicant,
        };
        index.is_file().then_some(index)
    }

    /// The file a URL path names inside the directory: plain segments only (no `..`, no hidden
    /// or percent-encoded names), and a file, not a folder.
    fn file_for(&self, path: &str) -> Option<PathBuf> {
        let mut file = self.dir.clone();
        for segment in path.trim_start_matches('/').split('/') {
            let plain = !segment.is_empty()
                && !segment.starts_with('.')
                && !segment.contains(['%', '\\', '\0']);
            if !plain {
                return None;
            }
            file.push(segment);
        }
        file.is_file().then_some(file)
    }

    /// The file a GET or HEAD asks for, or its bundle's `index.html`; `None` when neither is
    /// there.
    pub async fn answer(&self, req: &HttpRequest) -> Option<HttpResponse> {
        let path = req.path();
        let file = self
            .file_for(path)
            .or_else(|| self.index_for(Bundle::of_path(path)))?;
        serve(req, &file).await.ok()
    }
}

/// Whether a file name carries scripts/build-web's content hash: `web-<hex>_bg.wasm`,
/// `web-<hex>.js`, `chunk-<hex>.wasm`, `main-<hex>.css` (the hash is a 64-bit hex number). A
/// name taken for one by mistake would only be revalidated less often; a hash missed is
/// revalidated.
pub fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default();
    let Some((_, tail)) = stem.rsplit_once('-') else {
        return false;
    };
    let hash = tail.split('_').next().unwrap_or_default();
    (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The coding to answer with: the best the request accepts among brotli, gzip and none.
fn negotiate(req: &HttpRequest) -> ContentEncoding {
    let offered = [Encoding::brotli(), Encoding::gzip(), Encoding::identity()];
    match req
        .get_header::<AcceptEncoding>()
        .and_then(|accepted| accepted.negotiate(offered.iter()))
    {
        Some(Encoding::Known(ContentEncoding::Brotli)) => ContentEncoding::Brotli,
        Some(Encoding::Known(ContentEncoding::Gzip)) => ContentEncoding::Gzip,
        _ => ContentEncoding::Identity,
    }
}

/// The precompressed copy beside `file`, unless it is older than the file (a build that did
/// not compress again).
fn precompressed(file: &Path, coding: ContentEncoding) -> Option<PathBuf> {
    let suffix = match coding {
        ContentEncoding::Brotli => ".br",
        ContentEncoding::Gzip => ".gz",
        _ => return None,
    };
    let mut copy = file.as_os_str().to_owned();
    copy.push(suffix);
    let copy = PathBuf::from(copy);
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    match (modified(file), modified(&copy)) {
        (Some(original), Some(compressed)) if compressed >= original => Some(copy),
        _ => None,
    }
}

async fn serve(req: &HttpRequest, file: &Path) -> std::io::Result<HttpResponse> {
    let name = file
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_default();
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext)
        .unwrap_or_default();
    // A range is a range of the file itself (actix-files marks partial content `identity`).
    let coding = if COMPRESSIBLE.contains(&extension) && !req.headers().contains_key(header::RANGE)
    {
        negotiate(req)
    } else {
        ContentEncoding::Identity
    };
    let open = |path: PathBuf| async move {
        NamedFile::open_async(path)
            .await
            .map(|f| f.prefer_utf8(true).disable_content_disposition())
    };
    let mut response = match (coding, precompressed(file, coding)) {
        (ContentEncoding::Identity, _) => open(file.to_path_buf()).await?.into_response(req),
        (coding, Some(copy)) => open(copy)
            .await?
            .set_content_type(actix_files::file_extension_to_mime(extension))
            .set_content_encoding(coding)
            .into_response(req),
        // No copy: compressed here, without the file's ETag, which names its identity bytes
        // (Last-Modified still answers conditional requests).
        (coding, None) => open(file.to_path_buf())
            .await?
            .use_etag(false)
            .into_response(req)
            .map_body(|head, body| Encoder::response(coding, head, body))
            .map_into_boxed_body(),
    };
    let headers = response.headers_mut();
    headers.insert(VARY, HeaderValue::from_static("Accept-Encoding"));
    let cache = if is_hashed(name) {
        IMMUTABLE
    } else {
        "no-cache"
    };
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    Ok(response)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn staff_pages_load_the_staff_bundle() {
        for path in [
            "/kurum",
            "/kurum/basvurular",
            "/kamusm/x",
            "/personel/giris",
            "/staff/",
        ] {
            assert_eq!(Bundle::of_path(path), Bundle::Staff, "{path}");
        }
        for path in [
            "/",
            "/basvuru-islemleri",
            "/kurumsal",
            "/personeller/x",
            "/x/kurum",
        ] {
            assert_eq!(Bundle::of_path(path), Bundle::Applicant, "{path}");
        }
    }

    #[test]
    fn hashed_names_are_recognised() {
        for name in [
            "web-1c2d3e4f5a6b7c8d_bg.wasm",
            "chunk-1c2d3e4f5a6b7c8d.wasm",
            "web-applicant-split-1c2d3e4f5a6b7c8d.js",
            "web-applicant-1c2d3e4f5a6b7c8d.js",
            "main-8a9b0c1d2e3f4a5.css",
            "web-1c2d3e4f5a6b7c8d_bg.wasm.br",
        ] {
            assert!(is_hashed(name), "{name}");
        }
        for name in [
            "index.html",
            "web-applicant.js",
            "favicon.ico",
            "main-zz.css",
        ] {
            assert!(!is_hashed(name), "{name}");
        }
    }

    #[test]
    fn only_plain_paths_inside_the_directory_name_files() {
        let dir = std::env::temp_dir().join(format!("web-app-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(dir.join("staff")).unwrap();
        std::fs::write(dir.join("a.js"), "a").unwrap();
        std::fs::write(dir.join(".hidden"), "h").unwrap();
        let app = WebApp::new(&dir);
        assert_eq!(app.file_for("/a.js"), Some(dir.join("a.js")));
        for path in [
            "/",
            "/staff",
            "/staff/",
            "/.hidden",
            "/staff/../a.js",
            "/%2e%2e/a.js",
        ] {
            assert_eq!(app.file_for(path), None, "{path}");
        }
        std::fs::remove_dir_all(dir).ok();
    }
}
