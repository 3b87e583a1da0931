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
    use std::sync::Mutex;

    /// The plan (read from the environment once) and the calls counted so far. One lock,
    /// no `OnceLock`: the crate stays within Rust 1.63 (Cargo.toml says why).
    type State = (Vec<(String, u64)>, HashMap<&'static str, u64>);
    static STATE: Mutex<Option<State>> = Mutex::new(None);
    let mut state = STATE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let (plan, counts) = state.get_or_insert_with(|| {
        let plan = std::env::var("ICMP_DOCTOR_FAULTS")
            .unwrap_or_default()
            .split(',')
            .filter_map(|entry| {
                let (name, nth) = entry.trim().split_once('@')?;
                Some((name.to_owned(), nth.parse().ok()?))
            })
            .collect();
        (plan, HashMap::new())
    });
    if !plan.iter().any(|(name, _)| name == call) {
        return Ok(());
    }
    let count = counts.entry(call).or_insert(0);
    *count += 1;
    let nth = *count;
    if plan.iter().any(|(name, at)| name == call && *at == nth) {
        Err(io::Error::from_raw_os_error(libc::ENOMEM))
    } else {
        Ok(())
    }
}
