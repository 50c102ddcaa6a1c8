//! SoftHSM2 tokens standing in for smart cards: a config whose token folder the caller
//! chooses, token initialisation (label, SO PIN, user PIN), and import of a private key with
//! its certificate (and public key) under one `CKA_ID` and `CKA_LABEL`.
//!
//! SoftHSM2 reads `SOFTHSM2_CONF` when the module is first initialised in a process: write the
//! config with [`SoftHsmConfig::create_in`], point `SOFTHSM2_CONF` at
//! [`SoftHsmConfig::conf_path`], then [`Pkcs11Module::load`] the module.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use cryptoki::object::{Attribute, CertificateType, KeyType as CkKeyType, ObjectClass};
use cryptoki::session::UserType;
use cryptoki::types::AuthPin;
use der::asn1::OctetString;
use der::{Decode, Encode};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::pkcs8::DecodePrivateKey;
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::BigUint;
use x509_cert::Certificate;

use super::{KeyType, PkiError, PrivateKey};
use crate::oid;
use crate::sign::{Pin, Pkcs11Module};

/// Where Debian's softhsm2 package puts the module.
pub const SOFTHSM2_MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";

/// Serialises token initialisation within the process: SoftHSM2 offers one free slot at a time.
static INIT_LOCK: Mutex<()> = Mutex::new(());

/// A SoftHSM2 config file and its token folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoftHsmConfig {
    conf_path: PathBuf,
    token_dir: PathBuf,
}

impl SoftHsmConfig {
    /// Creates `<dir>/tokens/` and writes `<dir>/softhsm2.conf` pointing at it (file object
    /// store, log level ERROR).
    pub fn create_in(dir: &Path) -> Result<SoftHsmConfig, PkiError> {
        let token_dir = dir.join("tokens");
        std::fs::create_dir_all(&token_dir)?;
        let conf_path = dir.join("softhsm2.conf");
        let text = format!(
            "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n",
            token_dir.display()
        );
        std::fs::write(&conf_path, text)?;
        Ok(SoftHsmConfig {
            conf_path,
            token_dir,
        })
    }

    /// The file `SOFTHSM2_CONF` must name.
    pub fn conf_path(&self) -> &Path {
        &self.conf_path
    }

    pub fn token_dir(&self) -> &Path {
        &self.token_dir
    }
}

fn provision_error(error: cryptoki::error::Error) -> PkiError {
    PkiError::Provision(error.to_string())
}

/// Initialises a new token labelled `label` (at most 32 bytes) in the free slot, with the SO
/// PIN and the user PIN.
pub fn init_token(
    module: &Pkcs11Module,
    label: &str,
    so_pin: &Pin,
    user_pin: &Pin,
) -> Result<(), PkiError> {
    if label.is_empty() || label.len() > 32 {
        return Err(PkiError::Provision("a token label is 1 to 32 bytes".into()));
    }
    let _guard = INIT_LOCK
        .lock()
        .map_err(|_| PkiError::Provision("token initialisation lock poisoned".into()))?;
    if module.find_slot(label).is_ok() {
        return Err(PkiError::Provision(format!(
            "a token labelled {label} exists"
        )));
    }
    let context = &module.context;
    let free_slot = context
        .get_slots_with_token()
        .map_err(provision_error)?
        .into_iter()
        .find(|slot| {
            context
                .get_token_info(*slot)
                .is_ok_and(|info| !info.token_initialized())
        })
        .ok_or_else(|| PkiError::Provision("no free slot".into()))?;
    let so_secret = AuthPin::new(so_pin.expose().into());
    context
        .init_token(free_slot, &so_secret, label)
        .map_err(provision_error)?;
    // Find the token again by its label: the slot id may have changed.
    let slot = module
        .find_slot(label)
        .map_err(|e| PkiError::Provision(e.to_string()))?;
    let session = context.open_rw_session(slot).map_err(provision_error)?;
    session
        .login(UserType::So, Some(&so_secret))
        .map_err(provision_error)?;
    session
        .init_pin(&AuthPin::new(user_pin.expose().into()))
        .map_err(provision_error)?;
    session.logout().map_err(provision_error)?;
    Ok(())
}

/// Imports `key` and `certificate_der` into the token labelled `token_label`, both (and the
/// public key) with `CKA_ID = id` and `CKA_LABEL = object_label`. The private key is
/// sensitive and not extractable.
pub fn import_key_and_certificate(
    module: &Pkcs11Module,
    token_label: &str,
    user_pin: &Pin,
    object_label: &str,
    id: &[u8],
    key: &PrivateKey,
    certificate_der: &[u8],
) -> Result<(), PkiError> {
    let certificate =
        Certificate::from_der(certificate_der).map_err(|e| PkiError::Certificate(e.to_string()))?;
    let tbs = &certificate.tbs_certificate;
    let slot = module
        .find_slot(token_label)
        .map_err(|e| PkiError::Provision(e.to_string()))?;
    let session = module
        .context
        .open_rw_session(slot)
        .map_err(provision_error)?;
    session
        .login(
            UserType::User,
            Some(&AuthPin::new(user_pin.expose().into())),
        )
        .map_err(provision_error)?;

    let common = |class: ObjectClass| {
        vec![
            Attribute::Class(class),
            Attribute::Token(true),
            Attribute::Id(id.to_vec()),
            Attribute::Label(object_label.as_bytes().to_vec()),
        ]
    };
    let subject = tbs.subject.to_der()?;

    let mut private = common(ObjectClass::PRIVATE_KEY);
    private.extend([
        Attribute::Private(true),
        Attribute::Sensitive(true),
        Attribute::Extractable(false),
        Attribute::Sign(true),
        Attribute::Subject(subject.clone()),
    ]);
    let mut public = common(ObjectClass::PUBLIC_KEY);
    public.extend([Attribute::Private(false), Attribute::Verify(true)]);

    match key.key_type() {
        KeyType::Rsa2048 => {
            let rsa_key = rsa::RsaPrivateKey::from_pkcs8_der(key.pkcs8_der())
                .map_err(|e| PkiError::Key(e.to_string()))?;
            let [p, q] = rsa_key.primes() else {
                return Err(PkiError::Key("RSA key with other than two primes".into()));
            };
            let one = BigUint::from(1u8);
            let d = rsa_key.d();
            let qinv = rsa_key
                .crt_coefficient()
                .ok_or_else(|| PkiError::Key("no CRT coefficient".into()))?;
            private.extend([
                Attribute::KeyType(CkKeyType::RSA),
                Attribute::Modulus(rsa_key.n().to_bytes_be()),
                Attribute::PublicExponent(rsa_key.e().to_bytes_be()),
                Attribute::PrivateExponent(d.to_bytes_be()),
                Attribute::Prime1(p.to_bytes_be()),
                Attribute::Prime2(q.to_bytes_be()),
                Attribute::Exponent1((d % (p - &one)).to_bytes_be()),
                Attribute::Exponent2((d % (q - &one)).to_bytes_be()),
                Attribute::Coefficient(qinv.to_bytes_be()),
            ]);
            public.extend([
                Attribute::KeyType(CkKeyType::RSA),
                Attribute::Modulus(rsa_key.n().to_bytes_be()),
                Attribute::PublicExponent(rsa_key.e().to_bytes_be()),
            ]);
        }
        KeyType::P256 => {
            let secret = p256::SecretKey::from_pkcs8_der(key.pkcs8_der())
                .map_err(|e| PkiError::Key(e.to_string()))?;
            let params = oid::SECP256R1.to_der()?;
            let point = secret.public_key().to_encoded_point(false);
            private.extend([
                Attribute::KeyType(CkKeyType::EC),
                Attribute::EcParams(params.clone()),
                Attribute::Value(secret.to_bytes().to_vec()),
            ]);
            public.extend([
                Attribute::KeyType(CkKeyType::EC),
                Attribute::EcParams(params),
                Attribute::EcPoint(OctetString::new(point.as_bytes())?.to_der()?),
            ]);
        }
    }

    let mut certificate_object = common(ObjectClass::CERTIFICATE);
    certificate_object.extend([
        Attribute::CertificateType(CertificateType::X_509),
        Attribute::Private(false),
        Attribute::Subject(subject),
        Attribute::Issuer(tbs.issuer.to_der()?),
        Attribute::SerialNumber(tbs.serial_number.to_der()?),
        Attribute::Value(certificate_der.to_vec()),
    ]);

    for template in [private, public, certificate_object] {
        session.create_object(&template).map_err(provision_error)?;
    }
    session.logout().map_err(provision_error)?;
    Ok(())
}
