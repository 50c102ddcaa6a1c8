"""Logs in the identities scripts/fuzz-api fuzzes the API as, and prints, for each, the
schemathesis header options that carry its credentials (one identity per line:
`<name>\t-H\t<header>\t-H\t<header>…`), then `application_id\t<id>`: the applicant's
application. Runs in the fuzzing virtualenv (requests comes with
schemathesis).

    python3 identities.py BASE_URL OPERATOR_USERNAME OPERATOR_PASSWORD

The logins are the ones the e2e suite makes (e2e/support/api.ts `loginAs`, staff.ts
`staffApi`): the applicant through the e-Devlet simulator; the first operator with password
and TOTP (the authenticator app set up at the first login); an officer of the development
institution created by that operator, whose initial password is changed as the app asks; the
development integrator key; the signing application's bearer token for an "e-İmza ile Giriş"
verification code.
"""

import base64
import hashlib
import hmac
import html
import re
import secrets
import struct
import sys
import time
from urllib.parse import urljoin, urlsplit

import requests

# A test citizen of the simulator (README, "Test citizens of the e-Devlet simulator").
CITIZEN_TCKN = "10000000214"
CITIZEN_PASSWORD = "Test-1002"
INTEGRATOR_KEY = "dev-integrator-key"


def expect(response, status):
    if response.status_code != status:
        raise SystemExit(
            f"identities.py: {response.request.method} {response.url} answered "
            f"{response.status_code}, not {status}: {response.text[:500]}"
        )
    return response


def totp(secret_base32, step):
    key = base64.b32decode(secret_base32.replace(" ", "").upper() + "=" * (-len(secret_base32.replace(" ", "")) % 8))
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def cookie_header(session, name):
    for cookie in session.cookies:
        if cookie.name.endswith(name):
            return f"Cookie: {cookie.name}={cookie.value}"
    raise SystemExit(f"identities.py: no {name} cookie was set")


def pre_application(base):
    """The applicant's application, made as an institution's HR system makes it: with an
    application, the applicant's operations have something to find (the stateful phase
    follows list_my_applications to it)."""
    created = expect(
        requests.post(
            f"{base}/api/pre-applications",
            headers={"Authorization": f"Bearer {INTEGRATOR_KEY}"},
            json={
                "items": [
                    {
                        "tckn": CITIZEN_TCKN,
                        "first_name": "Mehmet",
                        "last_name": "Öztürk",
                        "email": "mehmet.ozturk@kurum.gov.tr",
                        "institution": "Geliştirme Kurumu",
                        "payer": "person",
                        "prepaid": True,
                    }
                ]
            },
        ),
        200,
    ).json()
    return created["results"][0]["application_id"]


def applicant(base):
    s = requests.Session()
    start = expect(s.get(f"{base}/api/auth/edevlet/login", allow_redirects=False), 303)
    authorize = urljoin(base, start.headers["location"])
    form = expect(s.get(authorize), 200).text
    fields = {}
    for tag in re.findall(r"<input([^>]*)>", form):
        if 'type="hidden"' not in tag:
            continue
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name:
            fields[html.unescape(name.group(1))] = html.unescape(value.group(1) if value else "")
    fields.update(tckn=CITIZEN_TCKN, password=CITIZEN_PASSWORD, islem="giris")
    parts = urlsplit(authorize)
    posted = expect(
        s.post(f"{parts.scheme}://{parts.netloc}{parts.path}", data=fields, allow_redirects=False), 303
    )
    expect(s.get(urljoin(base, posted.headers["location"]), allow_redirects=False), 303)
    csrf = expect(s.get(f"{base}/api/session"), 200).json()["csrf_token"]
    return [cookie_header(s, "nes_session"), f"X-CSRF-Token: {csrf}"]


def staff(base, username, password):
    """Both factors done (the authenticator app set up: a first login), the given password
    changed when the server asks. Answers the session and its CSRF token."""
    s = requests.Session()
    login = expect(s.post(f"{base}/api/staff/session", json={"username": username, "password": password}), 200)
    if login.json()["stage"] != "totp_enrolment":
        raise SystemExit(f"identities.py: {username} already has an authenticator app")
    csrf = expect(s.get(f"{base}/api/staff/session"), 200).json()["csrf_token"]
    secret = expect(s.post(f"{base}/api/staff/totp-enrolment", headers={"X-CSRF-Token": csrf}), 200).json()["secret"]
    code = totp(secret, int(time.time()) // 30)
    confirmed = expect(
        s.post(
            f"{base}/api/staff/totp-enrolment/confirmation",
            headers={"X-CSRF-Token": csrf},
            json={"code": code},
        ),
        200,
    )
    csrf = confirmed.json()["csrf_token"]
    info = expect(s.get(f"{base}/api/staff/session"), 200).json()
    if info.get("password_change_required"):
        expect(
            s.put(
                f"{base}/api/staff/password",
                headers={"X-CSRF-Token": csrf},
                json={"current_password": password, "new_password": f"fuzz-{secrets.token_hex(12)}"},
            ),
            204,
        )
        csrf = expect(s.get(f"{base}/api/staff/session"), 200).json()["csrf_token"]
    return s, csrf


def officer(base, operator_session, operator_csrf):
    institutions = expect(operator_session.get(f"{base}/api/operator/institutions"), 200).json()["institutions"]
    dev = next(i for i in institutions if i["code"] == "DEV")
    created = expect(
        operator_session.post(
            f"{base}/api/operator/staff",
            headers={"X-CSRF-Token": operator_csrf},
            json={
                "username": "officer.fuzz",
                "display_name": "Fuzz Sorumlusu",
                "role": "officer",
                "institution_id": dev["id"],
            },
        ),
        201,
    ).json()
    s, csrf = staff(base, created["account"]["username"], created["initial_password"])
    return [cookie_header(s, "nes_staff_session"), f"X-CSRF-Token: {csrf}"]


def signing_app(base):
    s = requests.Session()
    challenge = expect(s.post(f"{base}/api/auth/e-imza/challenge"), 201).json()
    login = expect(s.post(f"{base}/api/e-imza/login", json={"code": challenge["verification_code"]}), 200).json()
    return [f"Authorization: Bearer {login['signing_token']}"]


def main():
    base, operator_username, operator_password = sys.argv[1:4]
    operator_session, operator_csrf = staff(base, operator_username, operator_password)
    application_id = pre_application(base)
    identities = {
        "anonymous": [],
        "applicant": applicant(base),
        "integrator": [f"Authorization: Bearer {INTEGRATOR_KEY}"],
        "officer": officer(base, operator_session, operator_csrf),
        "operator": [cookie_header(operator_session, "nes_staff_session"), f"X-CSRF-Token: {operator_csrf}"],
        "signing_app": signing_app(base),
    }
    for name, headers in identities.items():
        print("\t".join([name] + [part for header in headers for part in ("-H", header)]))
    print(f"application_id\t{application_id}")


if __name__ == "__main__":
    main()
