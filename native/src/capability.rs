//! Can this process open ICMP datagram sockets here, and if not, why?
//!
//! Linux allows `socket(AF_INET{,6}, SOCK_DGRAM, IPPROTO_ICMP{V6})` iff the process's
//! effective GID or any supplementary group lies inside `net.ipv4.ping_group_range` of its
//! network namespace (the IPv4 sysctl governs IPv6 too). The default `1 0` admits nobody,
//! root included. We report the range, our groups, which of them it covers, and what each
//! socket open actually returned — the evidence a user needs to fix it.
//!
//! Raw ICMP sockets are the other way in: they need CAP_NET_RAW (root has it) and ignore the
//! range. We report whether this process holds the capability (`CapEff` in
//! /proc/self/status) and whether a raw socket actually opens, so a root process on a `1 0`
//! host is told "this process can probe" apart from "an unprivileged process here cannot".

#[cfg(unix)]
use crate::ffi::os;
#[cfg(windows)]
use crate::ffi::windows as os;
use crate::ffi::Identity;
use crate::socket::errno_name;
use crate::wire::Family;
#[cfg(unix)]
use std::fs;

pub const PING_GROUP_RANGE_PATH: &str = "/proc/sys/net/ipv4/ping_group_range";

/// The result of opening one socket type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocketCheck {
    pub family: Family,
    pub allowed: bool,
    pub errno: Option<i32>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capability {
    pub v4: SocketCheck,
    pub v6: SocketCheck,
    /// `(low, high)` from the sysctl, or why it could not be read.
    pub ping_group_range: Result<(u32, u32), String>,
    pub identity: Identity,
    /// Our groups (egid first, then supplementary) that the range admits.
    pub covered_groups: Vec<u32>,
    /// Opening raw ICMP sockets (CAP_NET_RAW).
    pub raw_v4: SocketCheck,
    pub raw_v6: SocketCheck,
    /// Whether CAP_NET_RAW is in this process's effective set; `None` when unreadable.
    pub cap_net_raw: Option<bool>,
}

#[cfg_attr(windows, allow(dead_code))]
pub const PROC_STATUS_PATH: &str = "/proc/self/status";
/// CAP_NET_RAW's bit in the capability sets (linux/capability.h).
#[cfg_attr(windows, allow(dead_code))]
const CAP_NET_RAW: u32 = 13;

/// Reads whether CAP_NET_RAW is effective from /proc/self/status text (`CapEff:\t<hex>`).
#[cfg_attr(windows, allow(dead_code))]
pub fn parse_cap_net_raw(status: &str) -> Option<bool> {
    let line = status.lines().find(|line| line.starts_with("CapEff:"))?;
    let mask = u64::from_str_radix(line["CapEff:".len()..].trim(), 16).ok()?;
    Some(mask & (1u64 << CAP_NET_RAW) != 0)
}

/// Parses the sysctl's text, e.g. `"1\t0\n"`. The kernel stores signed ints but only
/// accepts 0..=2147483647, so anything else is malformed.
#[cfg_attr(windows, allow(dead_code))]
pub fn parse_ping_group_range(text: &str) -> Result<(u32, u32), String> {
    let fields: Vec<&str> = text.split_whitespace().collect();
    let (low, high) = match fields.as_slice() {
        [low, high] => (low, high),
        _ => {
            return Err(format!("expected two numbers in {PING_GROUP_RANGE_PATH}, found {:?}", text.trim()));
        }
    };
    let parse = |field: &str| {
        field
            .parse::<u32>()
            .ok()
            .filter(|value| *value <= i32::MAX as u32)
            .ok_or_else(|| format!("{field:?} in {PING_GROUP_RANGE_PATH} is not a group id"))
    };
    Ok((parse(low)?, parse(high)?))
}

/// The groups the kernel checks: the effective GID, then supplementary groups, no repeats.
pub fn checked_groups(identity: &Identity) -> Vec<u32> {
    let mut groups = vec![identity.egid];
    for group in &identity.groups {
        if !groups.contains(group) {
            groups.push(*group);
        }
    }
    groups
}

pub fn covered(range: (u32, u32), groups: &[u32]) -> Vec<u32> {
    groups.iter().copied().filter(|group| range.0 <= *group && *group <= range.1).collect()
}

/// Windows: an ICMP handle (`IcmpCreateFile` / `Icmp6CreateFile`) needs no privilege.
#[cfg(windows)]
fn check_socket(family: Family) -> SocketCheck {
    match os::IcmpFile::open(family) {
        Ok(_handle) => SocketCheck { family, allowed: true, errno: None, message: "ICMP handle opened".into() },
        Err(error) => {
            let errno = error.raw_os_error();
            let name = errno.map(errno_name).unwrap_or("EUNKNOWN");
            SocketCheck { family, allowed: false, errno, message: format!("{name}: {error}") }
        }
    }
}

/// Why the sysctl has no value on this platform.
#[cfg(windows)]
const NO_PING_GROUP_RANGE: &str =
    "not on Windows: probes go through IcmpSendEcho2Ex / Icmp6SendEcho2, which need no group or privilege";

#[cfg(unix)]
fn check_socket(family: Family) -> SocketCheck {
    opened(family, os::ping_socket(family == Family::V6), "ICMP datagram socket opened")
}

#[cfg(unix)]
fn check_raw_socket(family: Family) -> SocketCheck {
    opened(family, os::raw_socket(family == Family::V6), "raw ICMP socket opened")
}

/// Windows probes through its ICMP API; raw sockets are not used there.
#[cfg(windows)]
fn check_raw_socket(family: Family) -> SocketCheck {
    SocketCheck {
        family,
        allowed: false,
        errno: None,
        message: "not used on Windows: probes go through its ICMP API".into(),
    }
}

#[cfg_attr(windows, allow(dead_code))]
fn opened<T>(family: Family, result: std::io::Result<T>, success: &str) -> SocketCheck {
    match result {
        Ok(_socket) => SocketCheck { family, allowed: true, errno: None, message: success.into() },
        Err(error) => {
            let errno = error.raw_os_error();
            let name = errno.map(errno_name).unwrap_or("EUNKNOWN");
            SocketCheck { family, allowed: false, errno, message: format!("{name}: {error}") }
        }
    }
}

/// Whether this process holds CAP_NET_RAW (`CapEff` in /proc/self/status); None where unknown.
#[cfg(unix)]
fn cap_net_raw() -> Option<bool> {
    fs::read_to_string(PROC_STATUS_PATH).ok().and_then(|status| parse_cap_net_raw(&status))
}

/// Windows has no capabilities of this kind.
#[cfg(windows)]
fn cap_net_raw() -> Option<bool> {
    None
}

pub fn probe() -> Capability {
    let identity = os::identity();
    #[cfg(unix)]
    let ping_group_range = fs::read_to_string(PING_GROUP_RANGE_PATH)
        .map_err(|error| format!("cannot read {PING_GROUP_RANGE_PATH}: {error}"))
        .and_then(|text| parse_ping_group_range(&text));
    #[cfg(windows)]
    let ping_group_range = Err(NO_PING_GROUP_RANGE.to_owned());
    let covered_groups = match &ping_group_range {
        Ok(range) => covered(*range, &checked_groups(&identity)),
        Err(_) => Vec::new(),
    };
    Capability {
        v4: check_socket(Family::V4),
        v6: check_socket(Family::V6),
        ping_group_range,
        identity,
        covered_groups,
        raw_v4: check_raw_socket(Family::V4),
        raw_v6: check_raw_socket(Family::V6),
        cap_net_raw: cap_net_raw(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_kernel_format_and_rejects_the_rest() {
        assert_eq!(parse_ping_group_range("1\t0\n"), Ok((1, 0)));
        assert_eq!(parse_ping_group_range("0 2147483647"), Ok((0, 2147483647)));
        assert!(parse_ping_group_range("").is_err());
        assert!(parse_ping_group_range("1").is_err());
        assert!(parse_ping_group_range("1 2 3").is_err());
        assert!(parse_ping_group_range("-1 5").is_err());
        assert!(parse_ping_group_range("0 4294967295").is_err());
    }

    #[test]
    fn cap_net_raw_is_bit_13_of_the_effective_set() {
        let root = "Name:\tnode\nCapInh:\t0000000000000000\nCapEff:\t000001ffffffffff\nCapBnd:\t000001ffffffffff\n";
        assert_eq!(parse_cap_net_raw(root), Some(true));
        assert_eq!(parse_cap_net_raw("CapEff:\t0000000000002000\n"), Some(true));
        assert_eq!(parse_cap_net_raw("CapEff:\t0000000000001000\n"), Some(false));
        assert_eq!(parse_cap_net_raw("CapEff:\t0000000000000000\nCapBnd:\t0000000000002000\n"), Some(false));
        assert_eq!(parse_cap_net_raw("CapEff:\tzz\n"), None);
        assert_eq!(parse_cap_net_raw("Name:\tnode\n"), None);
    }

    #[test]
    fn default_range_covers_nobody_and_wide_range_covers_all() {
        let identity = Identity { uid: 0, euid: 0, gid: 0, egid: 0, groups: vec![0, 27, 65534] };
        let groups = checked_groups(&identity);
        assert_eq!(groups, vec![0, 27, 65534]);
        assert!(covered((1, 0), &groups).is_empty());
        assert_eq!(covered((0, 2147483647), &groups), groups);
        assert_eq!(covered((27, 100), &groups), vec![27]);
    }
}
