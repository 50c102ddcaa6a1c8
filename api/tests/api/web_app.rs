//! The browser app's two bundles (web_app.rs): which index.html a path gets, the
//! precompressed copies chosen by `Accept-Encoding`, on-the-fly compression without a copy,
//! and the cache headers, on a static directory made here.

use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;
use reqwest::{Method, Response};

use crate::helpers::{problem, spawn_app_with, TempDir, TestApp};

const WASM: &str = "web-1c2d3e4f5a6b7c8d_bg.wasm";
const STAFF_JS: &str = "web-staff-0a1b2c3d4e5f6a7b.js";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Stands for the brotli and gzip copies: the server sends their bytes as they are.
const WASM_BR: &[u8] = b"brotli copy of the wasm";
const WASM_GZ: &[u8] = b"gzip copy of the wasm, a little longer";

fn wasm() -> Vec<u8> {
    b"\0asm".iter().copied().cycle().take(20_000).collect()
}

/// A build of both bundles: each index.html, a hashed wasm with both copies, a hashed staff
/// JS file without copies.
fn build(staff: bool) -> TempDir {
    let dir = TempDir(std::env::temp_dir().join(format!("nes-web-{}", uuid::Uuid::new_v4())));
    std::fs::create_dir_all(dir.0.join("staff")).unwrap();
    std::fs::write(dir.0.join("index.html"), "<title>applicant</title>").unwrap();
    std::fs::write(dir.0.join(WASM), wasm()).unwrap();
    std::fs::write(dir.0.join(format!("{WASM}.br")), WASM_BR).unwrap();
    std::fs::write(dir.0.join(format!("{WASM}.gz")), WASM_GZ).unwrap();
    if staff {
        std::fs::write(dir.0.join("staff/index.html"), "<title>staff</title>").unwrap();
        std::fs::write(
            dir.0.join("staff").join(STAFF_JS),
            "export function start() { return 'staff'; }\n".repeat(500),
        )
        .unwrap();
    }
    dir
}

async fn serve(dir: &TempDir) -> TestApp {
    spawn_app_with(&[("NES_STATIC_DIR", &dir.0.display().to_string())]).await
}

async fn get(app: &TestApp, method: Method, path: &str, headers: &[(&str, &str)]) -> Response {
    let mut request = app.client.request(method, app.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn staff_pages_get_the_staff_index_and_every_other_page_the_applicants() {
    let dir = build(true);
    let app = serve(&dir).await;
    for (path, title) in [
        ("/", "applicant"),
        ("/basvuru-islemleri", "applicant"),
        ("/basvuru/abc/form", "applicant"),
        ("/kurumsal", "applicant"),
        ("/kurum", "staff"),
        ("/kurum/basvurular/abc", "staff"),
        ("/kamusm/basvurular", "staff"),
        ("/personel/giris", "staff"),
        ("/staff/", "staff"),
        ("/staff/no-such-file.js", "staff"),
    ] {
        let page = get(&app, Method::GET, path, &[]).await;
        assert_eq!(page.status(), 200, "{path}");
        let headers = page.headers().clone();
        assert_eq!(
            header(&headers, "cache-control"),
            Some("no-cache"),
            "{path}"
        );
        assert!(
            header(&headers, "content-type").is_some_and(|t| t.starts_with("text/html")),
            "{path}"
        );
        let body = page.text().await.unwrap();
        assert_eq!(body, format!("<title>{title}</title>"), "{path}");
    }
    // The staff bundle's own files, at /staff/.
    let file = get(&app, Method::GET, &format!("/staff/{STAFF_JS}"), &[]).await;
    assert_eq!(file.status(), 200);
    assert!(file.text().await.unwrap().contains("'staff'"));
    // The API's answers stay the API's.
    let (status, body) = problem(get(&app, Method::GET, "/api/nothing", &[]).await).await;
    assert_eq!(
        (status.as_u16(), body["code"].as_str()),
        (404, Some("route_not_found"))
    );
    let page = get(&app, Method::POST, "/kurum/basvurular", &[]).await;
    assert_eq!(page.headers()["allow"], "GET, HEAD");
    let (status, body) = problem(page).await;
    assert_eq!(
        (status.as_u16(), body["code"].as_str()),
        (405, Some("method_not_allowed"))
    );
}

#[tokio::test]
async fn until_the_staff_bundle_is_built_its_pages_get_the_one_app() {
    let dir = build(false);
    let app = serve(&dir).await;
    let page = get(&app, Method::GET, "/kamusm/basvurular", &[]).await;
    assert_eq!(page.status(), 200);
    assert_eq!(page.text().await.unwrap(), "<title>applicant</title>");
}

#[tokio::test]
async fn the_copy_the_browser_accepts_is_sent_with_its_own_length_and_etag() {
    let dir = build(true);
    let app = serve(&dir).await;
    let path = format!("/{WASM}");
    let mut etags = Vec::new();
    for (accept, encoding, body) in [
        (
            Some("gzip, deflate, br, zstd"),
            Some("br"),
            WASM_BR.to_vec(),
        ),
        (Some("br"), Some("br"), WASM_BR.to_vec()),
        (Some("gzip"), Some("gzip"), WASM_GZ.to_vec()),
        (Some("br;q=0.5, gzip"), Some("gzip"), WASM_GZ.to_vec()),
        (None, None, wasm()),
        (Some("identity"), None, wasm()),
    ] {
        let headers: Vec<(&str, &str)> =
            accept.map(|a| ("accept-encoding", a)).into_iter().collect();
        let response = get(&app, Method::GET, &path, &headers).await;
        assert_eq!(response.status(), 200, "{accept:?}");
        let h = response.headers().clone();
        assert_eq!(header(&h, "content-encoding"), encoding, "{accept:?}");
        assert_eq!(
            header(&h, "content-type"),
            Some("application/wasm"),
            "{accept:?}"
        );
        assert_eq!(header(&h, "vary"), Some("Accept-Encoding"), "{accept:?}");
        assert_eq!(header(&h, "cache-control"), Some(IMMUTABLE), "{accept:?}");
        let length = body.len().to_string();
        assert_eq!(
            header(&h, "content-length"),
            Some(length.as_str()),
            "{accept:?}"
        );
        assert_eq!(response.bytes().await.unwrap().as_ref(), body.as_slice());
        let etag = header(&h, "etag").unwrap().to_owned();
        if !etags.contains(&etag) {
            etags.push(etag);
        }
        // HEAD: the same headers, no body.
        let head = get(&app, Method::HEAD, &path, &headers).await;
        assert_eq!(head.status(), 200);
        assert_eq!(header(head.headers(), "content-encoding"), encoding);
        // The tests' balancer answers HEAD with a length of its own (0).
        if app.balancer.is_none() {
            assert_eq!(
                header(head.headers(), "content-length"),
                Some(length.as_str())
            );
        }
        assert!(head.bytes().await.unwrap().is_empty());
    }
    // One ETag per representation: brotli, gzip, identity.
    assert_eq!(etags.len(), 3, "{etags:?}");

    // Revalidation names the copy it holds.
    let br = get(&app, Method::GET, &path, &[("accept-encoding", "br")]).await;
    let br_etag = br.headers()["etag"].to_str().unwrap().to_owned();
    let again = [
        ("accept-encoding", "br"),
        ("if-none-match", br_etag.as_str()),
    ];
    assert_eq!(get(&app, Method::GET, &path, &again).await.status(), 304);
    let other = [
        ("accept-encoding", "gzip"),
        ("if-none-match", br_etag.as_str()),
    ];
    assert_eq!(get(&app, Method::GET, &path, &other).await.status(), 200);

    // A range is a range of the file itself, whatever the browser accepts.
    let range = [("accept-encoding", "br"), ("range", "bytes=4-11")];
    let part = get(&app, Method::GET, &path, &range).await;
    assert_eq!(part.status(), 206);
    assert_ne!(header(part.headers(), "content-encoding"), Some("br"));
    assert_eq!(
        header(part.headers(), "content-range"),
        Some(format!("bytes 4-11/{}", wasm().len()).as_str())
    );
    assert_eq!(part.bytes().await.unwrap().as_ref(), &wasm()[4..12]);
}

#[tokio::test]
async fn without_a_copy_the_file_is_compressed_on_the_fly() {
    let dir = build(true);
    // A copy older than its file is left from another build: not sent.
    let wasm_path = dir.0.join(WASM);
    std::fs::File::options()
        .write(true)
        .open(&wasm_path)
        .unwrap()
        .set_modified(SystemTime::now() + Duration::from_secs(3600))
        .unwrap();
    let app = serve(&dir).await;
    let raw = std::fs::read(dir.0.join("staff").join(STAFF_JS)).unwrap();
    let path = format!("/staff/{STAFF_JS}");

    let gzip = get(&app, Method::GET, &path, &[("accept-encoding", "gzip")]).await;
    assert_eq!(gzip.status(), 200);
    let h = gzip.headers().clone();
    assert_eq!(header(&h, "content-encoding"), Some("gzip"));
    assert!(header(&h, "content-type").is_some_and(
        |t| t.starts_with("text/javascript") || t.starts_with("application/javascript")
    ));
    assert!(header(&h, "vary").is_some_and(|v| v.to_ascii_lowercase().contains("accept-encoding")));
    assert_eq!(header(&h, "cache-control"), Some(IMMUTABLE));
    // The identity file's ETag names other bytes.
    assert_eq!(header(&h, "etag"), None);
    let body = gzip.bytes().await.unwrap();
    assert_eq!(&body[..2], &[0x1f, 0x8b], "a gzip stream");
    assert!(
        body.len() < raw.len() / 10,
        "{} of {}",
        body.len(),
        raw.len()
    );

    let br = get(&app, Method::GET, &path, &[("accept-encoding", "br")]).await;
    assert_eq!(header(br.headers(), "content-encoding"), Some("br"));
    let body = br.bytes().await.unwrap();
    assert!(
        body.len() < raw.len() / 10,
        "{} of {}",
        body.len(),
        raw.len()
    );

    let plain = get(&app, Method::GET, &path, &[]).await;
    assert_eq!(header(plain.headers(), "content-encoding"), None);
    assert!(header(plain.headers(), "etag").is_some());
    assert_eq!(plain.bytes().await.unwrap().as_ref(), raw.as_slice());

    let stale = get(
        &app,
        Method::GET,
        &format!("/{WASM}"),
        &[("accept-encoding", "br")],
    )
    .await;
    assert_eq!(header(stale.headers(), "content-encoding"), Some("br"));
    let body = stale.bytes().await.unwrap();
    assert_ne!(body.as_ref(), WASM_BR, "the stale copy");
    assert!(body.len() < wasm().len() / 10);
}
