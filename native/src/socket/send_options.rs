//! Per-probe IP options (TTL / hop limit, DF) on a socket, set only when they change.

use super::SendOptions;
use crate::ffi::os;
use crate::wire::Family;
use std::io;
use std::os::unix::io::AsRawFd;

/// The TTL / DF currently set on a socket, so a change costs a syscall only when the next
/// probe differs from the last.
#[derive(Debug, Default)]
pub struct AppliedOptions {
    ttl: Option<Option<u8>>,
    dont_fragment: Option<bool>,
}

impl AppliedOptions {
    pub fn apply(&mut self, fd: &impl AsRawFd, family: Family, options: SendOptions) -> io::Result<()> {
        let v6 = family == Family::V6;
        if self.ttl != Some(options.ttl) {
            // -1 restores the route's default TTL / hop limit.
            let value = options.ttl.map(i32::from).unwrap_or(-1);
            let (level, name) =
                if v6 { (libc::IPPROTO_IPV6, libc::IPV6_UNICAST_HOPS) } else { (libc::IPPROTO_IP, libc::IP_TTL) };
            os::set_int_option(fd, level, name, value)?;
            self.ttl = Some(options.ttl);
        }
        if self.dont_fragment != Some(options.dont_fragment) {
            if v6 {
                let mode = if options.dont_fragment { libc::IPV6_PMTUDISC_PROBE } else { libc::IPV6_PMTUDISC_DONT };
                os::set_int_option(fd, libc::IPPROTO_IPV6, libc::IPV6_MTU_DISCOVER, mode)?;
                os::set_int_option(fd, libc::IPPROTO_IPV6, libc::IPV6_DONTFRAG, i32::from(options.dont_fragment))?;
            } else {
                let mode = if options.dont_fragment { libc::IP_PMTUDISC_PROBE } else { libc::IP_PMTUDISC_DONT };
                os::set_int_option(fd, libc::IPPROTO_IP, libc::IP_MTU_DISCOVER, mode)?;
            }
            self.dont_fragment = Some(options.dont_fragment);
        }
        Ok(())
    }
}
