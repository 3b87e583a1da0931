//! Which kind of ICMP socket a session asks for and which it got: platform-neutral, because
//! the session layer speaks of them on every platform (`--socket`, the events' `socket`).

/// What the caller asked for (`--socket auto|ping|raw`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SocketChoice {
    Auto,
    Ping,
    Raw,
}

impl SocketChoice {
    /// Parses `auto`, `ping` or `raw`.
    pub fn parse(text: &str) -> Option<SocketChoice> {
        match text {
            "auto" => Some(SocketChoice::Auto),
            "ping" => Some(SocketChoice::Ping),
            "raw" => Some(SocketChoice::Raw),
            _ => None,
        }
    }
}

/// The kind of socket that was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SocketKind {
    /// A Linux ping socket (`SOCK_DGRAM`, `IPPROTO_ICMP`).
    #[cfg_attr(windows, allow(dead_code))]
    Ping,
    /// A raw ICMP socket (CAP_NET_RAW).
    #[cfg_attr(windows, allow(dead_code))]
    Raw,
    /// Windows' ICMP API (`IcmpSendEcho2Ex` / `Icmp6SendEcho2`): no socket of ours at all.
    #[cfg_attr(not(windows), allow(dead_code))]
    IcmpApi,
}

impl SocketKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SocketKind::Ping => "ping",
            SocketKind::Raw => "raw",
            SocketKind::IcmpApi => "icmp-api",
        }
    }
}

/// The step name of a refused raw socket: `EPERM` there means CAP_NET_RAW is missing.
pub const RAW_SOCKET_STEP: &str = "socket(SOCK_RAW)";
