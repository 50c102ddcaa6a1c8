//! Typed calls of the passkeys area.
