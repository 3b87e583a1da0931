#!/usr/bin/env bash
# Dissect raw IP packets with tshark so the wire decoder's test vectors can be checked
# against an independent implementation.
#
# Usage: tshark-check.sh FILE
#   FILE holds one packet per line, either `NAME HEX` or just `HEX` (blank lines and lines
#   starting with # are skipped). Each packet must start with its IPv4 or IPv6 header.
# Output: one line per packet, `NAME<TAB>field=value<TAB>field=value…`, listing only the
#   fields tshark filled in. A field that occurs more than once (the outer and the quoted IP
#   header, say) is printed with its values joined by commas, outer first.
# Needs: tshark and text2pcap (Wireshark). Exits non-zero if tshark cannot dissect a packet.
set -euo pipefail

if [[ $# -ne 1 || ! -r $1 ]]; then
  echo "usage: $0 FILE   (lines of 'NAME HEX' or 'HEX')" >&2
  exit 2
fi

fields=(
  ip.src ip.dst ip.proto ip.ttl ip.id ip.hdr_len ip.len ip.flags.df ip.flags.mf ip.frag_offset
  ipv6.src ipv6.dst ipv6.nxt ipv6.plen ipv6.hlim ipv6.fraghdr.ident ipv6.fraghdr.more
  icmp.type icmp.code icmp.checksum icmp.checksum.status icmp.mtu icmp.pointer icmp.redir_gw
  icmp.ident icmp.seq icmp.length.original_datagram
  icmpv6.type icmpv6.code icmpv6.checksum icmpv6.checksum.status icmpv6.mtu icmpv6.pointer
  icmpv6.echo.identifier icmpv6.echo.sequence_number icmpv6.length
  udp.srcport udp.dstport udp.length tcp.srcport tcp.dstport tcp.seq_raw
)
args=()
for f in "${fields[@]}"; do args+=(-e "$f"); done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

n=0
while read -r first second _; do
  [[ -z ${first:-} || $first == \#* ]] && continue
  n=$((n + 1))
  if [[ -n ${second:-} ]]; then name=$first hex=$second; else name="packet-$n" hex=$first; fi
  # text2pcap wants an offset column followed by space-separated bytes.
  printf '000000 %s\n' "$(sed 's/../& /g' <<<"$hex")" >"$work/packet.txt"
  text2pcap -q -l 101 "$work/packet.txt" "$work/packet.pcap" 2>/dev/null
  line=$(tshark -r "$work/packet.pcap" -o ip.check_checksum:TRUE -T fields \
    -E occurrence=a -E aggregator=, -E 'separator=|' "${args[@]}" 2>/dev/null)
  out="$name"
  # '|' is not whitespace, so empty fields between separators are kept.
  IFS='|' read -r -a values <<<"$line"
  for i in "${!fields[@]}"; do
    v=${values[$i]:-}
    [[ -n $v ]] && out+=$'\t'"${fields[$i]}=$v"
  done
  printf '%s\n' "$out"
done <"$1"
