//! Rotating `NES_SECRET_KEY` (issue 11, item 2): what the old secret sealed opens while it is
//! kept as `NES_SECRET_KEY_PREVIOUS`, and `nes-admin reseal-secrets` moves every sealed value
//! to the new key, after which the old one can go without losing a TOTP secret.

use api::admin::reseal_secrets::{self, Resealed};
use api::db::schema::{self, staff_users};
use api::notify::outbox;
use api::notify::{Channel, OutgoingMessage};
use api::secrets::{SealPurpose, Secrets};
use chrono::{Duration, Utc};
use diesel::prelude::*;

use crate::helpers::spawn_app_with;
use crate::staff_helpers::first_operator;

const OLD: &str = "the-secret-being-retired-0123456789abcdef";
const NEW: &str = "the-secret-now-in-use-0123456789abcdef012";

#[tokio::test]
async fn resealing_moves_every_sealed_value_to_the_new_key() {
    let app = spawn_app_with(&[("NES_SECRET_KEY", OLD)]).await;
    first_operator(&app).await;
    let mut conn = app.db.connection();
    // An SMS code still waiting to be sent (due in an hour, so the worker leaves it).
    let message = OutgoingMessage {
        channel: Channel::Sms,
        purpose: "sms_code",
        recipient: "+905321234567".into(),
        subject: String::new(),
        body: "Doğrulama kodunuz: 123456".into(),
        application_id: None,
        sensitive: true,
    };
    let old = Secrets::derive(OLD.as_bytes());
    let waiting =
        outbox::insert(&mut conn, &message, &old, Utc::now() + Duration::hours(1)).unwrap();
    let (staff_id, sealed): (String, Option<String>) = staff_users::table
        .select((staff_users::id, staff_users::totp_secret_sealed))
        .first(&mut conn)
        .unwrap();
    let sealed = sealed.expect("an enrolled secret");
    let new_only = Secrets::derive(NEW.as_bytes());
    assert!(api::staff::totp::open_secret(&new_only, &staff_id, &sealed).is_err());
    let before =
        api::staff::totp::open_secret(&Secrets::derive(OLD.as_bytes()), &staff_id, &sealed)
            .unwrap();

    let rotated = Secrets::derive(NEW.as_bytes()).with_previous(OLD.as_bytes());
    let done = reseal_secrets::run(&mut conn, &rotated).unwrap();

    assert_eq!(done.totp_secrets, 1);
    assert_eq!(done.outbox_bodies, 1, "the waiting SMS code: {done:?}");
    let sealed: Option<String> = staff_users::table
        .find(&staff_id)
        .select(staff_users::totp_secret_sealed)
        .first(&mut conn)
        .unwrap();
    let after = api::staff::totp::open_secret(&new_only, &staff_id, &sealed.unwrap()).unwrap();
    assert_eq!(after, before, "the same secret, under the new key");
    let body: String = schema::outbox::table
        .find(&waiting)
        .select(schema::outbox::body)
        .first(&mut conn)
        .unwrap();
    assert_eq!(
        new_only.open(SealPurpose::Outbox, &waiting, &body).unwrap(),
        "Doğrulama kodunuz: 123456"
    );
    assert_eq!(
        reseal_secrets::run(&mut conn, &rotated).unwrap(),
        Resealed::default(),
        "a second run has nothing left to do"
    );
}

#[tokio::test]
async fn a_server_with_the_rotated_secret_logs_staff_in_with_their_old_app() {
    // The staff member enrolled under OLD; the server now runs with NEW and OLD as previous.
    let app = spawn_app_with(&[("NES_SECRET_KEY", OLD)]).await;
    let (_, secret) = first_operator(&app).await;
    let mut conn = app.db.connection();
    let (staff_id, sealed): (String, Option<String>) = staff_users::table
        .select((staff_users::id, staff_users::totp_secret_sealed))
        .first(&mut conn)
        .unwrap();
    let rotated = Secrets::derive(NEW.as_bytes()).with_previous(OLD.as_bytes());
    let opened = api::staff::totp::open_secret(&rotated, &staff_id, &sealed.unwrap()).unwrap();
    assert_eq!(opened.base32(), secret);
}
