//! Byte vectors of every message kind the decoder names, both families, as whole packets
//! with their outer IP header. The bare ICMP message of each starts after that header (20
//! bytes for these IPv4 vectors, 40 for IPv6), which is what a Linux ping socket returns.
//!
//! Addresses are documentation prefixes: our host 192.0.2.10 / 2001:db8::10 pings the target
//! 198.51.100.7 / 2001:db8:1::7 with id 0x1234; routers are 203.0.113.1 / 2001:db8:ffff::1.
//! Each hex line is one layer: outer IP header, ICMP header, quoted IP header, 8 quoted
//! transport bytes, then the rest 16 bytes a line.
//!
//! Every vector was dissected by `testdata/tshark-check.sh` (tshark 4.0.17); the fields it
//! printed are in `testdata/tshark-fields.txt` and checked against the decoder by
//! `tests::tshark`, and the hex is in `testdata/confirmed-vectors.txt` for the Node tests.
//! A field listed twice ("ip.dst=192.0.2.10,198.51.100.7") is outer first, then quoted.

/// The number of bytes the hex digits in `hex` encode (whitespace between them is ignored).
const fn hex_len(hex: &str) -> usize {
    let bytes = hex.as_bytes();
    let mut digits = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_whitespace() {
            digits += 1;
        }
        i += 1;
    }
    assert!(digits % 2 == 0, "odd number of hex digits");
    digits / 2
}

const fn hex_digit(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => panic!("not a hex digit"),
    }
}

/// Decodes `hex` at compile time; a typo is a build error, not a test failure.
const fn hex_bytes<const N: usize>(hex: &str) -> [u8; N] {
    let text = hex.as_bytes();
    let mut out = [0u8; N];
    let (mut i, mut n, mut high) = (0, 0, None::<u8>);
    while i < text.len() {
        let c = text[i];
        i += 1;
        if c.is_ascii_whitespace() {
            continue;
        }
        match high {
            None => high = Some(hex_digit(c)),
            Some(h) => {
                out[n] = (h << 4) | hex_digit(c);
                n += 1;
                high = None;
            }
        }
    }
    out
}

macro_rules! hex_vectors {
    ($( $(#[$doc:meta])* $name:ident = $hex:literal; )*) => {
        $( $(#[$doc])* pub static $name: [u8; hex_len($hex)] = hex_bytes($hex); )*

        /// Every vector by name, in file order.
        pub static ALL: &[(&str, &[u8])] = &[$( (stringify!($name), &$name) ),*];
    };
}

hex_vectors! {

    /// Our echo request 192.0.2.10 -> 198.51.100.7: id 0x1234, seq 1, 16-byte payload "ICMP Doctor
    /// 0001", DF, TTL 64.
    /// confirmed with tshark 4.0.17: icmp.type=8 icmp.code=0 icmp.checksum.status=1 ip.src=192.0.2.10
    /// ip.dst=198.51.100.7 ip.proto=1 ip.len=44 icmp.ident=4660 icmp.seq=1
    V4_ECHO_REQUEST = "
        4500 002c a1b2 4000 4001 acd9 c000 020a c633 6407
        0800 789e 1234 0001
        4943 4d50 2044 6f63 746f 7220 3030 3031";

    /// The reply to it, TTL 57.
    /// confirmed with tshark 4.0.17: icmp.type=0 icmp.code=0 icmp.checksum.status=1 ip.src=198.51.100.7
    /// ip.dst=192.0.2.10 ip.proto=1 ip.len=44 icmp.ident=4660 icmp.seq=1
    V4_ECHO_REPLY = "
        4500 002c 0e5f 0000 3901 872d c633 6407 c000 020a
        0000 809e 1234 0001
        4943 4d50 2044 6f63 746f 7220 3030 3031";

    /// 3/0 from router 203.0.113.1, quoting the IP header and 8 bytes of an echo request (seq 1).
    /// confirmed with tshark 4.0.17: icmp.type=3,8 icmp.code=0,0 icmp.checksum.status=1,2
    /// ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,1 ip.len=56,44
    /// icmp.ident=4660 icmp.seq=1
    V4_NET_UNREACHABLE = "
        4500 0038 3c01 0000 fe01 82b7 cb00 7101 c000 020a
        0300 6a2c 0000 0000
        4500 002c a1b2 4000 3f01 add9 c000 020a c633 6407
        0800 789e 1234 0001";

    /// 3/1 quoting only the IP header: no transport bytes (seq 2 is lost).
    /// confirmed with tshark 4.0.17: icmp.type=3 icmp.code=1 icmp.checksum.status=1
    /// ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,1 ip.len=48,44
    V4_HOST_UNREACHABLE = "
        4500 0030 3c01 0000 fe01 82bf cb00 7101 c000 020a
        0301 fcfe 0000 0000
        4500 002c a1b2 4000 3f01 add9 c000 020a c633 6407";

    /// 3/2 from the target, quoting a GRE packet (protocol 47) with 8 payload bytes.
    /// confirmed with tshark 4.0.17: icmp.type=3 icmp.code=2 icmp.checksum.status=1
    /// ip.src=198.51.100.7,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,47 ip.len=56,28,20
    V4_PROTOCOL_UNREACHABLE = "
        4500 0038 3c01 0000 fe01 947e c633 6407 c000 020a
        0302 afe9 0000 0000
        4500 001c 0777 4000 3f2f 47f7 c000 020a c633 6407
        0000 0800 4500 0014";

    /// 3/3 from the target, quoting a whole traceroute UDP probe 40001 -> 33434 (TTL 1).
    /// confirmed with tshark 4.0.17: icmp.type=3 icmp.code=3 icmp.checksum.status=1
    /// ip.src=198.51.100.7,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,17 ip.len=68,40
    /// udp.srcport=40001 udp.dstport=33434 udp.length=20
    V4_PORT_UNREACHABLE = "
        4500 0044 3c01 0000 fe01 9472 c633 6407 c000 020a
        0303 e967 0000 0000
        4500 0028 5a5a 0000 0111 7326 c000 020a c633 6407
        9c41 829a 0014 b481
        7472 6163 6572 6f75 7465 2100";

    /// 3/4 with next-hop MTU 1400, quoting 8 bytes of a 1500-byte DF echo request (seq 4).
    /// confirmed with tshark 4.0.17: icmp.type=3,8 icmp.code=4,0 icmp.checksum.status=1,2 icmp.mtu=1400
    /// ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,1 ip.len=56,1500
    /// icmp.ident=4660 icmp.seq=4
    V4_FRAG_NEEDED = "
        4500 0038 3c01 0000 fe01 82b7 cb00 7101 c000 020a
        0304 b8c2 0000 0578
        4500 05dc a1b2 4000 3f01 a829 c000 020a c633 6407
        0800 2489 1234 0004";

    /// 3/4 from a pre-RFC 1191 router: next-hop MTU 0.
    /// confirmed with tshark 4.0.17: icmp.type=3,8 icmp.code=4,0 icmp.checksum.status=1,2 icmp.mtu=0
    /// ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,1 ip.len=56,1500
    /// icmp.ident=4660 icmp.seq=4
    V4_FRAG_NEEDED_NO_MTU = "
        4500 0038 3c01 0000 fe01 82b7 cb00 7101 c000 020a
        0304 be3a 0000 0000
        4500 05dc a1b2 4000 3f01 a829 c000 020a c633 6407
        0800 2489 1234 0004";

    /// 3/5 quoting 8 bytes of an echo request (seq 5).
    /// confirmed with tshark 4.0.17: icmp.type=3,8 icmp.code=5,0 icmp.checksum.status=1,2
    /// ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,1 ip.len=56,44
    /// icmp.ident=4660 icmp.seq=5
    V4_SOURCE_ROUTE_FAILED = "
        4500 0038 3c01 0000 fe01 82b7 cb00 7101 c000 020a
        0305 6a27 0000 0000
        4500 002c a1b2 4000 3f01 add9 c000 020a c633 6407
        0800 789a 1234 0005";

    /// 3/6 quoting 8 bytes of an ICMP timestamp request (type 13): not an echo.
    /// confirmed with tshark 4.0.17: icmp.type=3,13 icmp.code=6,0 icmp.checksum.status=1,2
    /// ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,1 ip.len=56,40
    /// icmp.ident=66 icmp.seq=7
    V4_NET_UNKNOWN = "
        4500 0038 3c01 0000 fe01 82b7 cb00 7101 c000 020a
        0306 5f04 0000 0000
        4500 0028 1111 4000 3f01 3e7f c000 020a c633 6407
        0d00 90ac 0042 0007";

    /// 3/7 quoting the whole echo request (seq 7).
    /// confirmed with tshark 4.0.17: icmp.type=3,8 icmp.code=7,0 icmp.checksum.status=1,2
    /// ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,1 ip.len=72,44
    /// icmp.ident=4660 icmp.seq=7
    V4_HOST_UNKNOWN = "
        4500 0048 3c01 0000 fe01 82a7 cb00 7101 c000 020a
        0307 fcf8 0000 0000
        4500 002c a1b2 4000 3f01 add9 c000 020a c633 6407
        0800 7898 1234 0007
        4943 4d50 2044 6f63 746f 7220 3030 3031";

    /// 3/8 quoting 8 bytes of an echo request (seq 8).
    /// confirmed with tshark 4.0.17: icmp.type=3,8 icmp.code=8,0 icmp.checksum.status=1,2
    /// ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,1 ip.len=56,44
    /// icmp.ident=4660 icmp.seq=8
    V4_HOST_ISOLATED = "
        4500 0038 3c01 0000 fe01 82b7 cb00 7101 c000 020a
        0308 6a24 0000 0000
        4500 002c a1b2 4000 3f01 add9 c000 020a c633 6407
        0800 7897 1234 0008";

    /// 3/9 quoting a TCP SYN 51000 -> 443 cut to 4 transport bytes: ports, no sequence.
    /// confirmed with tshark 4.0.17: icmp.type=3 icmp.code=9 icmp.checksum.status=1
    /// ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,6 ip.len=52,40
    /// tcp.srcport=51000 tcp.dstport=443
    V4_NET_PROHIBITED = "
        4500 0034 3c01 0000 fe01 82bb cb00 7101 c000 020a
        0309 3403 0000 0000
        4500 0028 2222 4000 3f06 2d69 c000 020a c633 6407
        c738 01bb";

    /// 3/10 quoting 8 bytes of the same TCP SYN: ports and sequence 0x01020304.
    /// confirmed with tshark 4.0.17: icmp.type=3 icmp.code=10 icmp.checksum.status=1
    /// ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,6 ip.len=56,40
    /// tcp.srcport=51000 tcp.dstport=443
    V4_HOST_PROHIBITED = "
        4500 0038 3c01 0000 fe01 82b7 cb00 7101 c000 020a
        030a 2ffc 0000 0000
        4500 0028 2222 4000 3f06 2d69 c000 020a c633 6407
        c738 01bb 0102 0304";

    /// 3/11 quoting 8 bytes of an echo request (seq 11).
    /// confirmed with tshark 4.0.17: icmp.type=3,8 icmp.code=11,0 icmp.checksum.status=1,2
    /// ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,1 ip.len=56,44
    /// icmp.ident=4660 icmp.seq=11
    V4_NET_UNREACHABLE_TOS = "
        4500 0038 3c01 0000 fe01 82b7 cb00 7101 c000 020a
        030b 6a21 0000 0000
        4500 002c a1b2 4000 3f01 add9 c000 020a c633 6407
        0800 7894 1234 000b";

    /// 3/12 quoting a UDP DNS query 40002 -> 53 cut to 4 transport bytes: no length.
    /// confirmed with tshark 4.0.17: icmp.type=3 icmp.code=12 icmp.checksum.status=1
    /// ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,17 ip.len=52,32
    /// udp.srcport=40002 udp.dstport=53
    V4_HOST_UNREACHABLE_TOS = "
        4500 0034 3c01 0000 fe01 82bb cb00 7101 c000 020a
        030c 607c 0000 0000
        4500 0020 3333 0000 3f11 5c55 c000 020a c633 6407
        9c42 0035";

    /// 3/13 "Packet filtered", quoting the whole echo request (seq 13), as Linux `ip route prohibit`
    /// sends it.
    /// confirmed with tshark 4.0.17: icmp.type=3,8 icmp.code=13,0 icmp.checksum.status=1,2
    /// ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,1 ip.len=72,44
    /// icmp.ident=4660 icmp.seq=13
    V4_PACKET_FILTERED = "
        4500 0048 3c01 0000 fe01 82a7 cb00 7101 c000 020a
        030d fcf2 0000 0000
        4500 002c a1b2 4000 3f01 add9 c000 020a c633 6407
        0800 7892 1234 000d
        4943 4d50 2044 6f63 746f 7220 3030 3031";

    /// 3/14 quoting 8 bytes of an echo request (seq 14).
    /// confirmed with tshark 4.0.17: icmp.type=3,8 icmp.code=14,0 icmp.checksum.status=1,2
    /// ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,1 ip.len=56,44
    /// icmp.ident=4660 icmp.seq=14
    V4_PRECEDENCE_VIOLATION = "
        4500 0038 3c01 0000 fe01 82b7 cb00 7101 c000 020a
        030e 6a1e 0000 0000
        4500 002c a1b2 4000 3f01 add9 c000 020a c633 6407
        0800 7891 1234 000e";

    /// 3/15 quoting 8 bytes of an echo request (seq 15).
    /// confirmed with tshark 4.0.17: icmp.type=3,8 icmp.code=15,0 icmp.checksum.status=1,2
    /// ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,1 ip.len=56,44
    /// icmp.ident=4660 icmp.seq=15
    V4_PRECEDENCE_CUTOFF = "
        4500 0038 3c01 0000 fe01 82b7 cb00 7101 c000 020a
        030f 6a1d 0000 0000
        4500 002c a1b2 4000 3f01 add9 c000 020a c633 6407
        0800 7890 1234 000f";

    /// 3/99, a code no RFC defines, quoting 8 bytes of an echo request (seq 99).
    /// confirmed with tshark 4.0.17: icmp.type=3,8 icmp.code=99,0 icmp.checksum.status=1,2
    /// ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,1 ip.len=56,44
    /// icmp.ident=4660 icmp.seq=99
    V4_UNREACHABLE_CODE_99 = "
        4500 0038 3c01 0000 fe01 82b7 cb00 7101 c000 020a
        0363 69c9 0000 0000
        4500 002c a1b2 4000 3f01 add9 c000 020a c633 6407
        0800 783c 1234 0063";

    /// 4/0 from the target, quoting 8 bytes of an echo request (seq 16).
    /// confirmed with tshark 4.0.17: icmp.type=4,8 icmp.code=0,0 icmp.checksum.status=1,2
    /// ip.src=198.51.100.7,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,1 ip.len=56,44
    /// icmp.ident=4660 icmp.seq=16
    V4_SOURCE_QUENCH = "
        4500 0038 3c01 0000 fe01 947e c633 6407 c000 020a
        0400 692c 0000 0000
        4500 002c a1b2 4000 3f01 add9 c000 020a c633 6407
        0800 788f 1234 0010";

    /// 5/0 from 192.0.2.254: use gateway 192.0.2.1; quotes echo seq 20.
    /// confirmed with tshark 4.0.17: icmp.type=5,8 icmp.code=0,0 icmp.checksum.status=1,2
    /// icmp.redir_gw=192.0.2.1 ip.src=192.0.2.254,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7
    /// ip.proto=1,1 ip.len=56,44 icmp.ident=4660 icmp.seq=20
    V4_REDIRECT_NETWORK = "
        4500 0038 3c01 0000 fe01 fbba c000 02fe c000 020a
        0500 a62a c000 0201
        4500 002c a1b2 4000 3f01 add9 c000 020a c633 6407
        0800 788b 1234 0014";

    /// 5/1 from 192.0.2.254: use gateway 192.0.2.1; quotes echo seq 21.
    /// confirmed with tshark 4.0.17: icmp.type=5,8 icmp.code=1,0 icmp.checksum.status=1,2
    /// icmp.redir_gw=192.0.2.1 ip.src=192.0.2.254,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7
    /// ip.proto=1,1 ip.len=56,44 icmp.ident=4660 icmp.seq=21
    V4_REDIRECT_HOST = "
        4500 0038 3c01 0000 fe01 fbba c000 02fe c000 020a
        0501 a629 c000 0201
        4500 002c a1b2 4000 3f01 add9 c000 020a c633 6407
        0800 788a 1234 0015";

    /// 5/2 from 192.0.2.254: use gateway 192.0.2.1; quotes echo seq 22.
    /// confirmed with tshark 4.0.17: icmp.type=5,8 icmp.code=2,0 icmp.checksum.status=1,2
    /// icmp.redir_gw=192.0.2.1 ip.src=192.0.2.254,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7
    /// ip.proto=1,1 ip.len=56,44 icmp.ident=4660 icmp.seq=22
    V4_REDIRECT_TOS_NETWORK = "
        4500 0038 3c01 0000 fe01 fbba c000 02fe c000 020a
        0502 a628 c000 0201
        4500 002c a1b2 4000 3f01 add9 c000 020a c633 6407
        0800 7889 1234 0016";

    /// 5/3 from 192.0.2.254: use gateway 192.0.2.1; quotes echo seq 23.
    /// confirmed with tshark 4.0.17: icmp.type=5,8 icmp.code=3,0 icmp.checksum.status=1,2
    /// icmp.redir_gw=192.0.2.1 ip.src=192.0.2.254,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7
    /// ip.proto=1,1 ip.len=56,44 icmp.ident=4660 icmp.seq=23
    V4_REDIRECT_TOS_HOST = "
        4500 0038 3c01 0000 fe01 fbba c000 02fe c000 020a
        0503 a627 c000 0201
        4500 002c a1b2 4000 3f01 add9 c000 020a c633 6407
        0800 7888 1234 0017";

    /// 11/0 from router 203.0.113.1, quoting 8 bytes of an echo request sent with TTL 1 (seq 30).
    /// confirmed with tshark 4.0.17: icmp.type=11,8 icmp.code=0,0 icmp.checksum.status=1,2
    /// ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,1 ip.len=56,44
    /// icmp.ident=4660 icmp.seq=30
    V4_TTL_EXCEEDED = "
        4500 0038 3c01 0000 fe01 82b7 cb00 7101 c000 020a
        0b00 622c 0000 0000
        4500 002c a1b2 4000 0101 ebd9 c000 020a c633 6407
        0800 7881 1234 001e";

    /// 11/1 from the target, quoting 8 bytes of a first fragment (MF set) of an echo request (seq 31).
    /// confirmed with tshark 4.0.17: icmp.type=11,8 icmp.code=1,0 icmp.checksum.status=1,2
    /// ip.src=198.51.100.7,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,1 ip.len=56,44
    /// icmp.ident=4660 icmp.seq=31
    V4_REASSEMBLY_EXCEEDED = "
        4500 0038 3c01 0000 fe01 947e c633 6407 c000 020a
        0b01 622b 0000 0000
        4500 002c a1b2 2000 3f01 cdd9 c000 020a c633 6407
        0800 7880 1234 001f";

    /// 12/0 pointer 20, quoting a header with a 4-byte option (IHL 6) and 8 bytes of echo (seq 32).
    /// confirmed with tshark 4.0.17: icmp.type=12,8 icmp.code=0,0 icmp.checksum.status=1,2
    /// icmp.pointer=20 ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,1
    /// ip.len=60,48 icmp.ident=4660 icmp.seq=32
    V4_PARAM_POINTER = "
        4500 003c 3c01 0000 fe01 82b3 cb00 7101 c000 020a
        0c00 4d2c 1400 0000
        4600 0030 a1b2 4000 3f01 13d1 c000 020a c633 6407 9904 0000
        0800 787f 1234 0020";

    /// 12/1 quoting 8 bytes of an echo request (seq 33).
    /// confirmed with tshark 4.0.17: icmp.type=12,8 icmp.code=1,0 icmp.checksum.status=1,2
    /// icmp.pointer=0 ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,1
    /// ip.len=56,44 icmp.ident=4660 icmp.seq=33
    V4_PARAM_MISSING_OPTION = "
        4500 0038 3c01 0000 fe01 82b7 cb00 7101 c000 020a
        0c01 612b 0000 0000
        4500 002c a1b2 4000 3f01 add9 c000 020a c633 6407
        0800 787e 1234 0021";

    /// 12/2 quoting 8 bytes of an echo request (seq 34).
    /// confirmed with tshark 4.0.17: icmp.type=12,8 icmp.code=2,0 icmp.checksum.status=1,2
    /// icmp.pointer=0 ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7 ip.proto=1,1
    /// ip.len=56,44 icmp.ident=4660 icmp.seq=34
    V4_PARAM_BAD_LENGTH = "
        4500 0038 3c01 0000 fe01 82b7 cb00 7101 c000 020a
        0c02 612a 0000 0000
        4500 002c a1b2 4000 3f01 add9 c000 020a c633 6407
        0800 787d 1234 0022";

    /// A timestamp request (type 13): no name of its own, class Informational.
    /// confirmed with tshark 4.0.17: icmp.type=13 icmp.code=0 icmp.checksum.status=1 ip.src=192.0.2.10
    /// ip.dst=198.51.100.7 ip.proto=1 ip.len=40 icmp.ident=66 icmp.seq=7
    V4_TIMESTAMP = "
        4500 0028 1111 4000 4001 3d7f c000 020a c633 6407
        0d00 90ac 0042 0007
        00bc 614e 0000 0000 0000 0000";

    /// 11/0 with RFC 4884 length 32 words: the whole echo request (seq 40) padded to 128 bytes, then an
    /// MPLS extension object.
    /// confirmed with tshark 4.0.17: icmp.type=11,8 icmp.code=0,0 icmp.checksum.status=1,2
    /// icmp.length.original_datagram=128 ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7
    /// ip.proto=1,1 ip.len=168,44 icmp.ident=4660 icmp.seq=40
    V4_TTL_EXCEEDED_RFC4884 = "
        4500 00a8 3c01 0000 fe01 8247 cb00 7101 c000 020a
        0b00 f4df 0020 0000
        4500 002c a1b2 4000 0101 ebd9 c000 020a c633 6407
        0800 7877 1234 0028
        4943 4d50 2044 6f63 746f 7220 3030 3031
        0000 0000 0000 0000 0000 0000 0000 0000
        0000 0000 0000 0000 0000 0000 0000 0000
        0000 0000 0000 0000 0000 0000 0000 0000
        0000 0000 0000 0000 0000 0000 0000 0000
        0000 0000 0000 0000 0000 0000 0000 0000
        0000 0000 2000 8a0d 0008 0101 03e8 5101";

    /// 3/1 whose RFC 4884 length (200 words) exceeds the quote, so it is ignored (echo seq 41).
    /// confirmed with tshark 4.0.17: icmp.type=3,8 icmp.code=1,0 icmp.checksum.status=1,2
    /// icmp.length.original_datagram=800 ip.src=203.0.113.1,192.0.2.10 ip.dst=192.0.2.10,198.51.100.7
    /// ip.proto=1,1 ip.len=56,44 icmp.ident=4660 icmp.seq=41
    V4_HOST_UNREACHABLE_BAD_RFC4884 = "
        4500 0038 3c01 0000 fe01 82b7 cb00 7101 c000 020a
        0301 6963 00c8 0000
        4500 002c a1b2 4000 3f01 add9 c000 020a c633 6407
        0800 7876 1234 0029";

    /// Our echo request 2001:db8::10 -> 2001:db8:1::7: id 0x1234, seq 1, payload "ICMP Doctor 0001",
    /// hop limit 64.
    /// confirmed with tshark 4.0.17: icmpv6.type=128 icmpv6.code=0 icmpv6.checksum.status=1
    /// ipv6.src=2001:db8::10 ipv6.dst=2001:db8:1::7 ipv6.nxt=58 ipv6.plen=24
    /// icmpv6.echo.identifier=0x1234 icmpv6.echo.sequence_number=1
    V6_ECHO_REQUEST = "
        6000 0000 0018 3a40
        2001 0db8 0000 0000 0000 0000 0000 0010
        2001 0db8 0001 0000 0000 0000 0000 0007
        8000 a4c1 1234 0001
        4943 4d50 2044 6f63 746f 7220 3030 3031";

    /// The reply to it, hop limit 57.
    /// confirmed with tshark 4.0.17: icmpv6.type=129 icmpv6.code=0 icmpv6.checksum.status=1
    /// ipv6.src=2001:db8:1::7 ipv6.dst=2001:db8::10 ipv6.nxt=58 ipv6.plen=24
    /// icmpv6.echo.identifier=0x1234 icmpv6.echo.sequence_number=1
    V6_ECHO_REPLY = "
        6000 0000 0018 3a39
        2001 0db8 0001 0000 0000 0000 0000 0007
        2001 0db8 0000 0000 0000 0000 0000 0010
        8100 a3c1 1234 0001
        4943 4d50 2044 6f63 746f 7220 3030 3031";

    /// 1/0 from router 2001:db8:ffff::1, quoting the whole echo request (seq 1).
    /// confirmed with tshark 4.0.17: icmpv6.type=1,128 icmpv6.code=0,0 icmpv6.checksum.status=1,2
    /// ipv6.src=2001:db8:ffff::1,2001:db8::10 ipv6.dst=2001:db8::10,2001:db8:1::7 ipv6.nxt=58,58
    /// ipv6.plen=72,24 icmpv6.echo.identifier=0x1234 icmpv6.echo.sequence_number=1
    V6_NO_ROUTE = "
        6000 0000 0048 3a40
        2001 0db8 ffff 0000 0000 0000 0000 0001
        2001 0db8 0000 0000 0000 0000 0000 0010
        0100 08f5 0000 0000
        6000 0000 0018 3a3f
        2001 0db8 0000 0000 0000 0000 0000 0010
        2001 0db8 0001 0000 0000 0000 0000 0007
        8000 a4c1 1234 0001
        4943 4d50 2044 6f63 746f 7220 3030 3031";

    /// 1/1 "Administratively prohibited", quoting the whole echo request (seq 2).
    /// confirmed with tshark 4.0.17: icmpv6.type=1,128 icmpv6.code=1,0 icmpv6.checksum.status=1,2
    /// ipv6.src=2001:db8:ffff::1,2001:db8::10 ipv6.dst=2001:db8::10,2001:db8:1::7 ipv6.nxt=58,58
    /// ipv6.plen=72,24 icmpv6.echo.identifier=0x1234 icmpv6.echo.sequence_number=2
    V6_ADMIN_PROHIBITED = "
        6000 0000 0048 3a40
        2001 0db8 ffff 0000 0000 0000 0000 0001
        2001 0db8 0000 0000 0000 0000 0000 0010
        0101 08f4 0000 0000
        6000 0000 0018 3a3f
        2001 0db8 0000 0000 0000 0000 0000 0010
        2001 0db8 0001 0000 0000 0000 0000 0007
        8000 a4c0 1234 0002
        4943 4d50 2044 6f63 746f 7220 3030 3031";

    /// 1/2 quoting the IPv6 header and 8 bytes of an echo request (seq 3).
    /// confirmed with tshark 4.0.17: icmpv6.type=1,128 icmpv6.code=2,0 icmpv6.checksum.status=1,2
    /// ipv6.src=2001:db8:ffff::1,2001:db8::10 ipv6.dst=2001:db8::10,2001:db8:1::7 ipv6.nxt=58,58
    /// ipv6.plen=56,24 icmpv6.echo.identifier=0x1234 icmpv6.echo.sequence_number=3
    V6_BEYOND_SCOPE = "
        6000 0000 0038 3a40
        2001 0db8 ffff 0000 0000 0000 0000 0001
        2001 0db8 0000 0000 0000 0000 0000 0010
        0102 762f 0000 0000
        6000 0000 0018 3a3f
        2001 0db8 0000 0000 0000 0000 0000 0010
        2001 0db8 0001 0000 0000 0000 0000 0007
        8000 a4bf 1234 0003";

    /// 1/3 quoting the whole echo request (seq 4).
    /// confirmed with tshark 4.0.17: icmpv6.type=1,128 icmpv6.code=3,0 icmpv6.checksum.status=1,2
    /// ipv6.src=2001:db8:ffff::1,2001:db8::10 ipv6.dst=2001:db8::10,2001:db8:1::7 ipv6.nxt=58,58
    /// ipv6.plen=72,24 icmpv6.echo.identifier=0x1234 icmpv6.echo.sequence_number=4
    V6_ADDRESS_UNREACHABLE = "
        6000 0000 0048 3a40
        2001 0db8 ffff 0000 0000 0000 0000 0001
        2001 0db8 0000 0000 0000 0000 0000 0010
        0103 08f2 0000 0000
        6000 0000 0018 3a3f
        2001 0db8 0000 0000 0000 0000 0000 0010
        2001 0db8 0001 0000 0000 0000 0000 0007
        8000 a4be 1234 0004
        4943 4d50 2044 6f63 746f 7220 3030 3031";

    /// 1/4 from the target, quoting a whole traceroute UDP probe 40001 -> 33434.
    /// confirmed with tshark 4.0.17: icmpv6.type=1 icmpv6.code=4 icmpv6.checksum.status=1
    /// ipv6.src=2001:db8:1::7,2001:db8::10 ipv6.dst=2001:db8::10,2001:db8:1::7 ipv6.nxt=58,17
    /// ipv6.plen=68,20 udp.srcport=40001 udp.dstport=33434 udp.length=20
    V6_PORT_UNREACHABLE = "
        6000 0000 0044 3a40
        2001 0db8 0001 0000 0000 0000 0000 0007
        2001 0db8 0000 0000 0000 0000 0000 0010
        0104 3203 0000 0000
        6000 0000 0014 1101
        2001 0db8 0000 0000 0000 0000 0000 0010
        2001 0db8 0001 0000 0000 0000 0000 0007
        9c41 829a 0014 453d
        7472 6163 6572 6f75 7465 2100";

    /// 1/5 quoting only the IPv6 header: no transport bytes.
    /// confirmed with tshark 4.0.17: icmpv6.type=1 icmpv6.code=5 icmpv6.checksum.status=1
    /// ipv6.src=2001:db8:ffff::1,2001:db8::10 ipv6.dst=2001:db8::10,2001:db8:1::7 ipv6.nxt=58,58
    /// ipv6.plen=48,24
    V6_SOURCE_POLICY = "
        6000 0000 0030 3a40
        2001 0db8 ffff 0000 0000 0000 0000 0001
        2001 0db8 0000 0000 0000 0000 0000 0010
        0105 ad2b 0000 0000
        6000 0000 0018 3a3f
        2001 0db8 0000 0000 0000 0000 0000 0010
        2001 0db8 0001 0000 0000 0000 0000 0007";

    /// 1/6 quoting a UDP DNS query 40002 -> 53 cut to 4 transport bytes.
    /// confirmed with tshark 4.0.17: icmpv6.type=1 icmpv6.code=6 icmpv6.checksum.status=1
    /// ipv6.src=2001:db8:ffff::1,2001:db8::10 ipv6.dst=2001:db8::10,2001:db8:1::7 ipv6.nxt=58,17
    /// ipv6.plen=52,12 udp.srcport=40002 udp.dstport=53
    V6_REJECT_ROUTE = "
        6000 0000 0034 3a40
        2001 0db8 ffff 0000 0000 0000 0000 0001
        2001 0db8 0000 0000 0000 0000 0000 0010
        0106 39bb 0000 0000
        6000 0000 000c 113f
        2001 0db8 0000 0000 0000 0000 0000 0010
        2001 0db8 0001 0000 0000 0000 0000 0007
        9c42 0035";

    /// 1/99, a code no RFC defines, quoting 8 bytes of an echo request (seq 8).
    /// confirmed with tshark 4.0.17: icmpv6.type=1,128 icmpv6.code=99,0 icmpv6.checksum.status=1,2
    /// ipv6.src=2001:db8:ffff::1,2001:db8::10 ipv6.dst=2001:db8::10,2001:db8:1::7 ipv6.nxt=58,58
    /// ipv6.plen=56,24 icmpv6.echo.identifier=0x1234 icmpv6.echo.sequence_number=8
    V6_UNREACHABLE_CODE_99 = "
        6000 0000 0038 3a40
        2001 0db8 ffff 0000 0000 0000 0000 0001
        2001 0db8 0000 0000 0000 0000 0000 0010
        0163 75ce 0000 0000
        6000 0000 0018 3a3f
        2001 0db8 0000 0000 0000 0000 0000 0010
        2001 0db8 0001 0000 0000 0000 0000 0007
        8000 a4ba 1234 0008";

    /// 2/0 MTU 1280, quoting 8 bytes of a 1500-byte echo request (seq 9).
    /// confirmed with tshark 4.0.17: icmpv6.type=2,128 icmpv6.code=0,0 icmpv6.checksum.status=1,2
    /// icmpv6.mtu=1280 ipv6.src=2001:db8:ffff::1,2001:db8::10 ipv6.dst=2001:db8::10,2001:db8:1::7
    /// ipv6.nxt=58,58 ipv6.plen=56,1460 icmpv6.echo.identifier=0x1234 icmpv6.echo.sequence_number=9
    V6_PACKET_TOO_BIG = "
        6000 0000 0038 3a40
        2001 0db8 ffff 0000 0000 0000 0000 0001
        2001 0db8 0000 0000 0000 0000 0000 0010
        0200 c443 0000 0500
        6000 0000 05b4 3a3f
        2001 0db8 0000 0000 0000 0000 0000 0010
        2001 0db8 0001 0000 0000 0000 0000 0007
        8000 4b0b 1234 0009";

    /// 3/0 quoting the whole echo request sent with hop limit 1 (seq 10).
    /// confirmed with tshark 4.0.17: icmpv6.type=3,128 icmpv6.code=0,0 icmpv6.checksum.status=1,2
    /// ipv6.src=2001:db8:ffff::1,2001:db8::10 ipv6.dst=2001:db8::10,2001:db8:1::7 ipv6.nxt=58,58
    /// ipv6.plen=72,24 icmpv6.echo.identifier=0x1234 icmpv6.echo.sequence_number=10
    V6_HOP_LIMIT_EXCEEDED = "
        6000 0000 0048 3a40
        2001 0db8 ffff 0000 0000 0000 0000 0001
        2001 0db8 0000 0000 0000 0000 0000 0010
        0300 0733 0000 0000
        6000 0000 0018 3a01
        2001 0db8 0000 0000 0000 0000 0000 0010
        2001 0db8 0001 0000 0000 0000 0000 0007
        8000 a4b8 1234 000a
        4943 4d50 2044 6f63 746f 7220 3030 3031";

    /// 3/1 from the target, quoting a first fragment: fragment header (id 0xdeadbeef, M set) then 8
    /// bytes of echo (seq 11).
    /// confirmed with tshark 4.0.17: icmpv6.type=3 icmpv6.code=1 icmpv6.checksum.status=1
    /// ipv6.src=2001:db8:1::7,2001:db8::10 ipv6.dst=2001:db8::10,2001:db8:1::7 ipv6.nxt=58,44
    /// ipv6.plen=64,24 ipv6.fraghdr.ident=0xdeadbeef
    V6_REASSEMBLY_EXCEEDED = "
        6000 0000 0040 3a40
        2001 0db8 0001 0000 0000 0000 0000 0007
        2001 0db8 0000 0000 0000 0000 0000 0010
        0301 aa82 0000 0000
        6000 0000 0018 2c3f
        2001 0db8 0000 0000 0000 0000 0000 0010
        2001 0db8 0001 0000 0000 0000 0000 0007
        3a00 0001 dead beef
        8000 a4b7 1234 000b";

    /// 4/0 pointer 4, quoting 8 bytes of an echo request (seq 12).
    /// confirmed with tshark 4.0.17: icmpv6.type=4,128 icmpv6.code=0,0 icmpv6.checksum.status=1,2
    /// icmpv6.pointer=4 ipv6.src=2001:db8:ffff::1,2001:db8::10 ipv6.dst=2001:db8::10,2001:db8:1::7
    /// ipv6.nxt=58,58 ipv6.plen=56,24 icmpv6.echo.identifier=0x1234 icmpv6.echo.sequence_number=12
    V6_ERRONEOUS_HEADER = "
        6000 0000 0038 3a40
        2001 0db8 ffff 0000 0000 0000 0000 0001
        2001 0db8 0000 0000 0000 0000 0000 0010
        0400 732d 0000 0004
        6000 0000 0018 3a3f
        2001 0db8 0000 0000 0000 0000 0000 0010
        2001 0db8 0001 0000 0000 0000 0000 0007
        8000 a4b6 1234 000c";

    /// 4/1 pointer 6, quoting a packet with next header 253 (experimental).
    /// confirmed with tshark 4.0.17: icmpv6.type=4 icmpv6.code=1 icmpv6.checksum.status=1
    /// icmpv6.pointer=6 ipv6.src=2001:db8:1::7,2001:db8::10 ipv6.dst=2001:db8::10,2001:db8:1::7
    /// ipv6.nxt=58,253 ipv6.plen=56,8
    V6_UNRECOGNIZED_NEXT_HEADER = "
        6000 0000 0038 3a40
        2001 0db8 0001 0000 0000 0000 0000 0007
        2001 0db8 0000 0000 0000 0000 0000 0010
        0401 d715 0000 0006
        6000 0000 0008 fd3f
        2001 0db8 0000 0000 0000 0000 0000 0010
        2001 0db8 0001 0000 0000 0000 0000 0007
        0102 0304 0506 0708";

    /// 4/2 pointer 42, quoting a hop-by-hop header with unknown option 0x9e, then 8 bytes of echo (seq
    /// 13).
    /// confirmed with tshark 4.0.17: icmpv6.type=4,128 icmpv6.code=2,0 icmpv6.checksum.status=1,2
    /// icmpv6.pointer=42 ipv6.src=2001:db8:1::7,2001:db8::10 ipv6.dst=2001:db8::10,2001:db8:1::7
    /// ipv6.nxt=58,0 ipv6.plen=64,32 icmpv6.echo.identifier=0x1234 icmpv6.echo.sequence_number=13
    V6_UNRECOGNIZED_OPTION = "
        6000 0000 0040 3a40
        2001 0db8 0001 0000 0000 0000 0000 0007
        2001 0db8 0000 0000 0000 0000 0000 0010
        0402 d4e9 0000 002a
        6000 0000 0020 003f
        2001 0db8 0000 0000 0000 0000 0000 0010
        2001 0db8 0001 0000 0000 0000 0000 0007
        3a00 9e04 0000 0000
        8000 a4b5 1234 000d";

    /// 4/9, a code this decoder does not name, pointer 7, quoting echo seq 14.
    /// confirmed with tshark 4.0.17: icmpv6.type=4,128 icmpv6.code=9,0 icmpv6.checksum.status=1,2
    /// icmpv6.pointer=7 ipv6.src=2001:db8:ffff::1,2001:db8::10 ipv6.dst=2001:db8::10,2001:db8:1::7
    /// ipv6.nxt=58,58 ipv6.plen=56,24 icmpv6.echo.identifier=0x1234 icmpv6.echo.sequence_number=14
    V6_PARAM_CODE_9 = "
        6000 0000 0038 3a40
        2001 0db8 ffff 0000 0000 0000 0000 0001
        2001 0db8 0000 0000 0000 0000 0000 0010
        0409 7321 0000 0007
        6000 0000 0018 3a3f
        2001 0db8 0000 0000 0000 0000 0000 0010
        2001 0db8 0001 0000 0000 0000 0000 0007
        8000 a4b4 1234 000e";

    /// Type 100 (private experimentation, in the error range), quoting echo seq 15.
    /// confirmed with tshark 4.0.17: icmpv6.type=100 icmpv6.code=0 icmpv6.checksum.status=1
    /// ipv6.src=2001:db8:ffff::1 ipv6.dst=2001:db8::10 ipv6.nxt=58 ipv6.plen=56
    V6_UNKNOWN_ERROR_TYPE = "
        6000 0000 0038 3a40
        2001 0db8 ffff 0000 0000 0000 0000 0001
        2001 0db8 0000 0000 0000 0000 0000 0010
        6400 1331 0000 0000
        6000 0000 0018 3a3f
        2001 0db8 0000 0000 0000 0000 0000 0010
        2001 0db8 0001 0000 0000 0000 0000 0007
        8000 a4b3 1234 000f";

    /// A router solicitation (type 133) fe80::10 -> ff02::2: class Informational.
    /// confirmed with tshark 4.0.17: icmpv6.type=133 icmpv6.code=0 icmpv6.checksum.status=1
    /// ipv6.src=fe80::10 ipv6.dst=ff02::2 ipv6.nxt=58 ipv6.plen=8
    V6_ROUTER_SOLICITATION = "
        6000 0000 0008 3aff
        fe80 0000 0000 0000 0000 0000 0000 0010
        ff02 0000 0000 0000 0000 0000 0000 0002
        8500 7d27 0000 0000";

    /// 3/0 with RFC 4884 length 16 (64-bit words): the echo request (seq 16) padded to 128 bytes, then
    /// an MPLS extension object.
    /// confirmed with tshark 4.0.17: icmpv6.type=3,128 icmpv6.code=0,0 icmpv6.checksum.status=1,2
    /// icmpv6.length=16 ipv6.src=2001:db8:ffff::1,2001:db8::10 ipv6.dst=2001:db8::10,2001:db8:1::7
    /// ipv6.nxt=58,58 ipv6.plen=148,24 icmpv6.echo.identifier=0x1234 icmpv6.echo.sequence_number=16
    V6_HOP_LIMIT_EXCEEDED_RFC4884 = "
        6000 0000 0094 3a40
        2001 0db8 ffff 0000 0000 0000 0000 0001
        2001 0db8 0000 0000 0000 0000 0000 0010
        0300 f6e6 1000 0000
        6000 0000 0018 3a01
        2001 0db8 0000 0000 0000 0000 0000 0010
        2001 0db8 0001 0000 0000 0000 0000 0007
        8000 a4b2 1234 0010
        4943 4d50 2044 6f63 746f 7220 3030 3031
        0000 0000 0000 0000 0000 0000 0000 0000
        0000 0000 0000 0000 0000 0000 0000 0000
        0000 0000 0000 0000 0000 0000 0000 0000
        0000 0000 0000 0000 0000 0000 0000 0000
        2000 8a0d 0008 0101 03e8 5101";
}
