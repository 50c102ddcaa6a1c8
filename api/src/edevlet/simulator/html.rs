//! The simulator's pages: plain server-rendered HTML in Turkish, styled inline, without
//! scripts, fonts or anything fetched from elsewhere. Every value from the request is
//! escaped.

use actix_web::http::header::{self, ContentType};
use actix_web::http::StatusCode;
use actix_web::HttpResponse;

use super::authorize::AuthorizationRequest;
use super::citizens::test_citizens;

pub const BANNER: &str = "Bu bir e-Devlet simülatörüdür — yalnızca geliştirme ve test içindir";
pub const WRONG_CREDENTIALS: &str = "T.C. Kimlik No veya şifre hatalı.";

const STYLE: &str = r#"
*{box-sizing:border-box}
body{margin:0;font-family:"Segoe UI",Roboto,Helvetica,Arial,sans-serif;background:#eef0f3;color:#1d1d1f;line-height:1.5}
.banner{background:#ffd43b;color:#1d1d1f;padding:.6rem 1rem;text-align:center;font-weight:700;border-bottom:2px solid #1d1d1f}
header{background:#c8102e;color:#fff;padding:.9rem 1rem}
header .inner{max-width:44rem;margin:0 auto;display:flex;align-items:center;gap:.8rem}
.logo{display:inline-flex;align-items:center;justify-content:center;width:2.6rem;height:2.6rem;border-radius:50%;background:#fff;color:#c8102e;font-weight:800;font-size:1.1rem}
header .title{font-size:1.25rem;font-weight:700;margin:0}
header .subtitle{font-size:.9rem;margin:0}
main{max-width:44rem;margin:1.5rem auto;padding:0 1rem}
.card{background:#fff;border:1px solid #c9ccd1;border-radius:6px;padding:1.5rem}
h1{font-size:1.3rem;margin:0 0 .5rem}
.client{background:#f4f6f9;border-left:4px solid #c8102e;padding:.6rem .8rem;margin:0 0 1.2rem}
label{display:block;font-weight:600;margin:1rem 0 .3rem}
input[type=text],input[type=password]{width:100%;padding:.6rem .7rem;font-size:1.05rem;border:1px solid #6b7078;border-radius:4px}
input[aria-invalid=true]{border:2px solid #b00020}
.hint{font-size:.85rem;color:#4a4f57;margin:.2rem 0 0}
.error{background:#fde8ea;border:1px solid #b00020;color:#7a0016;padding:.7rem .9rem;border-radius:4px;margin:0 0 1rem;font-weight:600}
.actions{display:flex;gap:.8rem;margin-top:1.4rem;flex-wrap:wrap}
button{font-size:1rem;padding:.65rem 1.4rem;border-radius:4px;cursor:pointer;border:2px solid #c8102e}
button.primary{background:#c8102e;color:#fff}
button.secondary{background:#fff;color:#c8102e}
:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
details{margin-top:1.5rem;background:#fff;border:1px solid #c9ccd1;border-radius:6px;padding:.8rem 1rem}
summary{cursor:pointer;font-weight:600}
table{border-collapse:collapse;width:100%;margin-top:.6rem;font-size:.95rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e0e2e6}
footer{max-width:44rem;margin:0 auto 2rem;padding:0 1rem;font-size:.85rem;color:#4a4f57}
"#;

/// HTML-escapes text for element content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// The `<input type="hidden" name="…" value="…">` pairs of a page rendered here, unescaped,
/// as a browser would submit them: the test suite and the load benchmark play that browser.
pub fn hidden_inputs(html: &str) -> Vec<(String, String)> {
    html.split("<input")
        .skip(1)
        .filter_map(|tag| {
            let tag = tag.split('>').next()?;
            if !tag.contains("type=\"hidden\"") {
                return None;
            }
            Some((
                attribute(tag, "name")?,
                attribute(tag, "value").unwrap_or_default(),
            ))
        })
        .collect()
}

/// A double-quoted attribute's value, [`escape`] undone.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = tag[start..].find('"')? + start;
    Some(
        tag[start..end]
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

fn page(title: &str, body: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="tr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title} — e-Devlet Kapısı (simülatör)</title>
<style>{STYLE}</style>
</head>
<body>
<div class="banner" role="note">{BANNER}</div>
<header>
<div class="inner">
<span class="logo" aria-hidden="true">e</span>
<div>
<p class="title">e-Devlet Kapısı</p>
<p class="subtitle">Kimlik Doğrulama Sistemi</p>
</div>
</div>
</header>
<main>
{body}
</main>
<footer>Simülatör: gerçek e-Devlet Kapısı ile hiçbir bağlantısı yoktur. Gerçek T.C. Kimlik No veya şifre girmeyiniz.</footer>
</body>
</html>
"#,
        title = escape(title),
    )
}

/// The login form, with the authorization request carried in hidden fields. `typed_tckn`
/// refills the number after a failed attempt; the password is never written back.
pub fn login_form(request: &AuthorizationRequest, typed_tckn: &str, error: Option<&str>) -> String {
    let hidden: String = request
        .hidden_fields()
        .iter()
        .map(|(name, value)| {
            format!(
                r#"<input type="hidden" name="{}" value="{}">"#,
                escape(name),
                escape(value)
            ) + "\n"
        })
        .collect();
    let (error_block, invalid, tckn_described, password_described) = match error {
        Some(message) => (
            format!(
                r#"<div class="error" id="giris-hatasi" role="alert">{}</div>"#,
                escape(message)
            ),
            r#" aria-invalid="true""#,
            "tckn-ipucu giris-hatasi",
            r#" aria-describedby="giris-hatasi""#,
        ),
        None => (String::new(), "", "tckn-ipucu", ""),
    };
    let citizens: String = test_citizens()
        .iter()
        .map(|c| {
            format!(
                "<tr><td>{}</td><td>{} {}</td><td><code>{}</code></td></tr>\n",
                escape(c.tckn),
                escape(c.first_name),
                escape(c.last_name),
                escape(c.password_hint)
            )
        })
        .collect();
    let body = format!(
        r#"<div class="card">
<h1>e-Devlet Şifresi ile Giriş</h1>
<p class="client"><strong>Kamu SM NES Başvuru Sistemi</strong> kimliğinizi doğrulamak istiyor.</p>
{error_block}
<form method="post" action="authorize" novalidate>
{hidden}<label for="tckn">T.C. Kimlik No</label>
<input type="text" id="tckn" name="tckn" value="{tckn}" inputmode="numeric" autocomplete="username" maxlength="11" required{invalid} aria-describedby="{tckn_described}">
<p class="hint" id="tckn-ipucu">11 haneli T.C. Kimlik Numaranız.</p>
<label for="sifre">e-Devlet Şifresi</label>
<input type="password" id="sifre" name="password" autocomplete="current-password" required{invalid}{password_described}>
<div class="actions">
<button type="submit" class="primary" name="islem" value="giris">Giriş Yap</button>
<button type="submit" class="secondary" name="islem" value="iptal">İptal</button>
</div>
</form>
</div>
<details>
<summary>Test kullanıcıları</summary>
<table>
<caption class="hint">Bu kimlikler yalnızca simülatörde geçerlidir.</caption>
<thead><tr><th scope="col">T.C. Kimlik No</th><th scope="col">Ad Soyad</th><th scope="col">Şifre</th></tr></thead>
<tbody>
{citizens}</tbody>
</table>
</details>"#,
        tckn = escape(typed_tckn),
    );
    page("Giriş", &body)
}

/// A request the simulator cannot send back to its client (unknown client or redirect
/// address): shown here, never redirected.
pub fn error_page(message: &str) -> String {
    let body = format!(
        r#"<div class="card">
<h1>İstek geçersiz</h1>
<div class="error" role="alert">{}</div>
<p>Bu istek kimlik doğrulama için kullanılamaz. Lütfen giriş yapmak istediğiniz sisteme dönüp yeniden deneyin.</p>
</div>"#,
        escape(message)
    );
    page("İstek geçersiz", &body)
}

/// An HTML response with the headers every simulator page carries: never cached, never
/// framed, no scripts, and forms may only go to the simulator and to `form_target`
/// (the client's origin, where the redirect after the form post leads).
pub fn respond(status: StatusCode, html: String, form_target: Option<&str>) -> HttpResponse {
    let form_action = match form_target {
        Some(origin) => format!("'self' {origin}"),
        None => "'self'".to_owned(),
    };
    HttpResponse::build(status)
        .content_type(ContentType::html())
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            format!(
                "default-src 'none'; style-src 'unsafe-inline'; form-action {form_action}; \
                 frame-ancestors 'none'; base-uri 'none'"
            ),
        ))
        .insert_header((header::REFERRER_POLICY, "no-referrer"))
        .body(html)
}

#[cfg(test)]
mod tests {
    use super::{escape, hidden_inputs};

    #[test]
    fn hidden_inputs_read_back_what_was_escaped() {
        let value = r#"a&lt;b "c" & 'd' <e>"#;
        let html = format!(
            r#"<form><input type="hidden" name="state" value="{}"><input type="text" name="tckn" value="1"></form>"#,
            escape(value)
        );
        assert_eq!(
            hidden_inputs(&html),
            vec![("state".to_owned(), value.to_owned())]
        );
    }

    #[test]
    fn markup_in_values_is_escaped() {
        assert_eq!(
            escape(r#"<script>"x" & 'y'</script>"#),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }
}
