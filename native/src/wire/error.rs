//! The one error type every decoder returns.

use std::fmt;

/// Why bytes could not be decoded. Each variant names the structure (`what`) it is about.
///
/// Lengths in [`WireError::Truncated`] count from the start of that structure, not from the
/// start of the buffer handed to the entry point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireError {
    /// The buffer ends before a structure that must be whole.
    Truncated { what: &'static str, expected_min_len: usize, actual_len: usize },
    /// A checksum did not match: `expected` is what the contents call for, `actual` what the
    /// packet carries. Only reported when verification was asked for.
    BadChecksum { what: &'static str, expected: u16, actual: u16 },
    /// A valid value this decoder does not handle, e.g. IP version 5, or UDP (protocol 17)
    /// at the outer layer.
    Unsupported { what: &'static str, value: u32 },
    /// A field contradicts the format, e.g. an IHL below 5 or a total length shorter than
    /// the header.
    Malformed { what: &'static str, reason: &'static str },
}

impl WireError {
    /// A stable machine-readable code: `TRUNCATED`, `BAD_CHECKSUM`, `UNSUPPORTED` or `MALFORMED`.
    pub fn code(&self) -> &'static str {
        match self {
            WireError::Truncated { .. } => "TRUNCATED",
            WireError::BadChecksum { .. } => "BAD_CHECKSUM",
            WireError::Unsupported { .. } => "UNSUPPORTED",
            WireError::Malformed { .. } => "MALFORMED",
        }
    }

    pub(super) fn truncated(what: &'static str, expected_min_len: usize, actual_len: usize) -> Self {
        WireError::Truncated { what, expected_min_len, actual_len }
    }
}

/// `Ok` when `actual_len` bytes hold the `expected_min_len` that `what` needs, otherwise the
/// matching `Truncated` error.
pub(super) fn require_len(what: &'static str, expected_min_len: usize, actual_len: usize) -> Result<(), WireError> {
    if actual_len < expected_min_len {
        return Err(WireError::truncated(what, expected_min_len, actual_len));
    }
    Ok(())
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WireError::Truncated { what, expected_min_len, actual_len } => {
                write!(f, "{what} truncated: needs at least {expected_min_len} bytes, got {actual_len}")
            }
            WireError::BadChecksum { what, expected, actual } => write!(
                f,
                "{what} checksum mismatch: the packet carries {actual:#06x}, its contents call for \
                 {expected:#06x}; it was corrupted on the way, or captured before checksum \
                 offload filled it in"
            ),
            WireError::Unsupported { what, value } => write!(f, "unsupported {what}: {value}"),
            WireError::Malformed { what, reason } => write!(f, "malformed {what}: {reason}"),
        }
    }
}

impl std::error::Error for WireError {}
