//! Typed calls of the staff area.
