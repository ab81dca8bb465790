// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
//! The error type: the library's negative errno and its message.

use std::ffi::CStr;
use std::fmt;

use crate::sys;

/// A failed libscxcmask call: the errno it returned (as a positive
/// number) and what `scxcmask_errmsg()` said about it, which names the
/// input at fault (a sysfs file, an override entry, a character of a list).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    errno: i32,
    message: String,
}

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// The errno value, positive (`libc::EINVAL` is 22 on Linux).
    pub fn errno(&self) -> i32 {
        self.errno
    }

    /// The library's message for a person; never empty.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// An error made on the Rust side, for input the C interface cannot
    /// even be handed (a string with a NUL byte, a size past `u32`).
    pub(crate) fn new(errno: i32, message: impl Into<String>) -> Error {
        Error { errno, message: message.into() }
    }

    /// The error of a call that just returned `rc < 0`, with this thread's
    /// message from the library.
    pub(crate) fn last(rc: i32) -> Error {
        // SAFETY: scxcmask_errmsg() returns a NUL-terminated thread-local
        // string that stays valid until this thread's next failing call.
        let msg = unsafe { CStr::from_ptr(sys::scxcmask_errmsg()) };
        let mut message = msg.to_string_lossy().into_owned();
        if message.is_empty() {
            message = format!("libscxcmask error {}", -rc);
        }
        Error { errno: -rc, message }
    }
}

/// 0 or a positive count on success, `Err` for a negative errno.
pub(crate) fn check(rc: i32) -> Result<u32> {
    if rc < 0 {
        Err(Error::last(rc))
    } else {
        Ok(rc as u32)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (errno {})", self.message, self.errno)
    }
}

impl std::error::Error for Error {}

/// EINVAL, for errors made on the Rust side.
pub(crate) const EINVAL: i32 = 22;
/// ERANGE, for sizes the C interface cannot take.
pub(crate) const ERANGE: i32 = 34;
