//! Test-only failure of chosen system calls, so tests can watch the engine die the way a
//! real `epoll_ctl` or `timerfd_settime` error would kill it.
//!
//! Compiled in only with the cargo feature `fault-injection` (a separate test build of the
//! addon, see `build/native-build.mjs --fault-injection`); in every other build `check` is an
//! empty inline function, so release builds carry no hook. With the feature,
//! `ICMP_DOCTOR_FAULTS=epoll_ctl@3,timerfd_settime@1` makes the 3rd `epoll_ctl` and the 1st
//! `timerfd_settime` of the process fail with ENOMEM (counted per call name, 1-based).

use std::io;

/// `Err` when the fault switch says this call of `call` must fail.
#[cfg(not(feature = "fault-injection"))]
#[inline(always)]
pub fn check(_call: &'static str) -> io::Result<()> {
    Ok(())
}

#[cfg(feature = "fault-injection")]
pub fn check(call: &'static str) -> io::Result<()> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};

    static PLAN: OnceLock<Vec<(String, u64)>> = OnceLock::new();
    static COUNTS: Mutex<Option<HashMap<&'static str, u64>>> = Mutex::new(None);
    let plan = PLAN.get_or_init(|| {
        std::env::var("ICMP_DOCTOR_FAULTS")
            .unwrap_or_default()
            .split(',')
            .filter_map(|entry| {
                let (name, nth) = entry.trim().split_once('@')?;
                Some((name.to_owned(), nth.parse().ok()?))
            })
            .collect()
    });
    if !plan.iter().any(|(name, _)| name == call) {
        return Ok(());
    }
    let nth = {
        let mut counts = COUNTS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let count = counts.get_or_insert_with(HashMap::new).entry(call).or_insert(0);
        *count += 1;
        *count
    };
    if plan.iter().any(|(name, at)| name == call && *at == nth) {
        Err(io::Error::from_raw_os_error(libc::ENOMEM))
    } else {
        Ok(())
    }
}
