//! Table definitions shared by both backends (written by hand: the two migration folders
//! must produce exactly these columns).

diesel::table! {
    persons (tckn) {
        tckn -> Text,
        e_onay_consent_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reference_counters (year) {
        year -> Integer,
        last_value -> BigInt,
    }
}

diesel::table! {
    applications (id) {
        id -> Text,
        reference -> Text,
        tckn -> Text,
        first_name -> Text,
        last_name -> Text,
        email -> Text,
        institution -> Text,
        payer -> Text,
        prepaid -> Bool,
        paid -> Bool,
        state -> Text,
        version -> BigInt,
        form_json -> Nullable<Text>,
        draft_json -> Nullable<Text>,
        deadline -> Timestamp,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        institution_id -> Nullable<Text>,
    }
}

diesel::table! {
    application_events (id) {
        id -> BigInt,
        application_id -> Text,
        at -> Timestamp,
        kind -> Text,
        from_state -> Nullable<Text>,
        to_state -> Nullable<Text>,
        actor_kind -> Text,
        actor_id -> Nullable<Text>,
        client_ip -> Nullable<Text>,
        user_agent -> Nullable<Text>,
    }
}

diesel::table! {
    approvals (application_id) {
        application_id -> Text,
        method -> Text,
        approved_at -> Timestamp,
        taahhutname_version -> Text,
        taahhutname_sha256 -> Text,
        client_ip -> Nullable<Text>,
        user_agent -> Nullable<Text>,
        form_sha256 -> Nullable<Text>,
    }
}

diesel::table! {
    sms_codes (id) {
        id -> Text,
        application_id -> Text,
        phone -> Text,
        code_hmac -> Text,
        sent_at -> Timestamp,
        expires_at -> Timestamp,
        failed_attempts -> Integer,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sessions (id_hash) {
        id_hash -> Text,
        tckn -> Text,
        first_name -> Text,
        last_name -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        absolute_expires_at -> Timestamp,
    }
}

diesel::table! {
    login_attempts (state_hash) {
        state_hash -> Text,
        pkce_verifier -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        channel -> Text,
        purpose -> Text,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        sealed -> Bool,
        application_id -> Nullable<Text>,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        delivered_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(application_events -> applications (application_id));
diesel::joinable!(approvals -> applications (application_id));
diesel::joinable!(sms_codes -> applications (application_id));

diesel::table! {
    signing_sessions (id) {
        id -> Text,
        application_id -> Text,
        browser_session_hash -> Text,
        code_hash -> Text,
        token_hash -> Nullable<Text>,
        status -> Text,
        document -> Text,
        document_sha256 -> Text,
        taahhutname_version -> Text,
        taahhutname_sha256 -> Text,
        refusal_code -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        updated_at -> Timestamp,
        form_sha256 -> Nullable<Text>,
    }
}

diesel::table! {
    signature_attempts (id) {
        id -> Text,
        signing_session_id -> Text,
        at -> Timestamp,
        outcome -> Text,
        certificate_subject -> Nullable<Text>,
        client_ip -> Nullable<Text>,
        user_agent -> Nullable<Text>,
    }
}

diesel::table! {
    signature_evidence (application_id) {
        application_id -> Text,
        signing_session_id -> Text,
        cms -> Binary,
        certificate -> Binary,
        certificate_serial -> Text,
        subject_cn -> Text,
        issuer_cn -> Text,
        signing_time -> Timestamp,
        verified_at -> Timestamp,
    }
}

diesel::joinable!(signing_sessions -> applications (application_id));
diesel::joinable!(signature_attempts -> signing_sessions (signing_session_id));
diesel::joinable!(signature_evidence -> applications (application_id));

diesel::table! {
    institutions (id) {
        id -> Text,
        code -> Text,
        name -> Text,
        created_at -> Timestamp,
        created_by -> Text,
    }
}

diesel::table! {
    api_keys (id) {
        id -> Text,
        institution_id -> Text,
        name -> Text,
        key_prefix -> Text,
        key_hash -> Text,
        created_at -> Timestamp,
        created_by -> Text,
        revoked_at -> Nullable<Timestamp>,
        revoked_by -> Nullable<Text>,
        last_used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    staff_users (id) {
        id -> Text,
        username -> Text,
        display_name -> Text,
        email -> Nullable<Text>,
        role -> Text,
        institution_id -> Nullable<Text>,
        password_hash -> Text,
        totp_secret_sealed -> Nullable<Text>,
        totp_pending_secret_sealed -> Nullable<Text>,
        totp_enabled_at -> Nullable<Timestamp>,
        totp_last_step -> Nullable<BigInt>,
        created_at -> Timestamp,
        created_by -> Text,
        disabled_at -> Nullable<Timestamp>,
        password_change_required -> Bool,
    }
}

diesel::table! {
    staff_sessions (id_hash) {
        id_hash -> Text,
        staff_id -> Text,
        stage -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        absolute_expires_at -> Timestamp,
        reauthenticated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    rate_limits (bucket) {
        bucket -> Text,
        hits -> Integer,
        window_ends_at -> Timestamp,
    }
}

diesel::table! {
    login_throttle (subject) {
        subject -> Text,
        consecutive_failures -> Integer,
        last_failure_at -> Timestamp,
        locked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_log (seq) {
        seq -> BigInt,
        at -> Timestamp,
        actor_kind -> Text,
        actor_id -> Nullable<Text>,
        action -> Text,
        outcome -> Text,
        target -> Nullable<Text>,
        institution_id -> Nullable<Text>,
        detail -> Nullable<Text>,
        client_ip -> Nullable<Text>,
        user_agent -> Nullable<Text>,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    audit_head (id) {
        id -> Integer,
        last_seq -> BigInt,
        last_hash -> Text,
    }
}

diesel::joinable!(applications -> institutions (institution_id));
diesel::joinable!(api_keys -> institutions (institution_id));
diesel::joinable!(staff_users -> institutions (institution_id));
diesel::joinable!(staff_sessions -> staff_users (staff_id));

diesel::table! {
    passkey_owners (user_handle) {
        user_handle -> Text,
        owner_kind -> Text,
        owner_id -> Text,
        first_name -> Nullable<Text>,
        last_name -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    passkeys (id) {
        id -> Text,
        user_handle -> Text,
        credential_id -> Text,
        name -> Text,
        passkey -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webauthn_ceremonies (id_hash) {
        id_hash -> Text,
        kind -> Text,
        owner -> Nullable<Text>,
        state -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::joinable!(passkeys -> passkey_owners (user_handle));

diesel::table! {
    shipments (application_id) {
        application_id -> Text,
        courier -> Text,
        tracking_number -> Text,
        shipped_at -> Timestamp,
        recorded_by -> Text,
    }
}

diesel::joinable!(shipments -> applications (application_id));

diesel::table! {
    payment_records (id) {
        id -> Text,
        application_id -> Text,
        amount_kurus -> BigInt,
        paid_on -> Text,
        receipt_number -> Text,
        recorded_at -> Timestamp,
        recorded_by -> Text,
        reversed_at -> Nullable<Timestamp>,
        reversed_by -> Nullable<Text>,
        reversal_reason -> Nullable<Text>,
    }
}

diesel::joinable!(payment_records -> applications (application_id));

diesel::table! {
    e_imza_login_challenges (id) {
        id -> Text,
        code_hash -> Text,
        browser_binding_hash -> Text,
        token_hash -> Nullable<Text>,
        status -> Text,
        document -> Text,
        document_sha256 -> Text,
        requested_ip -> Nullable<Text>,
        requested_user_agent -> Nullable<Text>,
        refusal_code -> Nullable<Text>,
        tckn -> Nullable<Text>,
        first_name -> Nullable<Text>,
        last_name -> Nullable<Text>,
        certificate_serial -> Nullable<Text>,
        certificate_issuer -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    edevlet_simulator_codes (code_hash) {
        code_hash -> Text,
        client_id -> Text,
        redirect_uri -> Text,
        code_challenge -> Text,
        tckn -> Text,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    edevlet_simulator_tokens (token_hash) {
        token_hash -> Text,
        tckn -> Text,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    scheduled_jobs (name) {
        name -> Text,
        next_run_at -> Timestamp,
        last_run_at -> Timestamp,
        last_run_by -> Text,
    }
}

diesel::table! {
    idempotency_keys (caller, idempotency_key) {
        caller -> Text,
        idempotency_key -> Text,
        fingerprint -> Text,
        status_code -> Nullable<Integer>,
        content_type -> Nullable<Text>,
        response_body -> Nullable<Binary>,
        locked_until -> Timestamp,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    webhook_endpoints (id) {
        id -> Text,
        institution_id -> Text,
        url -> Text,
        description -> Text,
        event_types -> Nullable<Text>,
        secret_sealed -> Text,
        previous_secret_sealed -> Nullable<Text>,
        previous_secret_expires_at -> Nullable<Timestamp>,
        failing_since -> Nullable<Timestamp>,
        disabled_at -> Nullable<Timestamp>,
        disabled_reason -> Nullable<Text>,
        created_at -> Timestamp,
        created_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    webhook_attempts (id) {
        id -> Text,
        delivery_id -> Text,
        endpoint_id -> Text,
        message_id -> Text,
        attempt -> Integer,
        attempted_at -> Timestamp,
        status_code -> Nullable<Integer>,
        error -> Nullable<Text>,
        duration_ms -> Integer,
    }
}

diesel::table! {
    application_reminders (application_id, days_before) {
        application_id -> Text,
        days_before -> Integer,
        sent_at -> Timestamp,
    }
}

diesel::joinable!(webhook_endpoints -> institutions (institution_id));
diesel::joinable!(application_reminders -> applications (application_id));

diesel::table! {
    payment_callbacks (id) {
        id -> Text,
        transaction_id -> Text,
        webhook_id -> Text,
        payment_reference -> Text,
        amount_kurus -> BigInt,
        currency -> Text,
        paid_at -> Timestamp,
        application_id -> Nullable<Text>,
        outcome -> Text,
        detail -> Text,
        received_at -> Timestamp,
    }
}

diesel::joinable!(payment_callbacks -> applications (application_id));

diesel::allow_tables_to_appear_in_same_query!(
    persons,
    reference_counters,
    applications,
    application_events,
    approvals,
    sms_codes,
    sessions,
    login_attempts,
    outbox,
    signing_sessions,
    signature_attempts,
    signature_evidence,
    institutions,
    api_keys,
    staff_users,
    staff_sessions,
    login_throttle,
    rate_limits,
    audit_log,
    audit_head,
    passkey_owners,
    passkeys,
    webauthn_ceremonies,
    shipments,
    e_imza_login_challenges,
    edevlet_simulator_codes,
    edevlet_simulator_tokens,
    scheduled_jobs,
    idempotency_keys,
    webhook_endpoints,
    webhook_attempts,
    application_reminders,
    payment_callbacks,
    payment_records,
);
