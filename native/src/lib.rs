//! ICMP Doctor's native addon: unprivileged ICMP probes and ICMP packet decoding for Node.
//!
//! Layout (see DESIGN.md): `wire` decodes packets (pure, no I/O); `socket` speaks to the
//! platform's ICMP sockets; `engine` schedules probes on a background thread;
//! `capability` says whether this process may open ICMP sockets and why not; `js` turns all
//! of that into the JavaScript API typed in `index.d.ts`; `ffi` is the only unsafe code.
//! This file only registers the exports.

#![deny(unsafe_code)]

#[allow(unsafe_code)]
mod ffi;

mod capability;
mod engine;
mod js;
mod socket;
pub mod wire;

use ffi::napi::{Env, JsResult, Value};

/// Called once when Node loads the addon: fills the module's `exports` object.
#[cfg_attr(test, allow(dead_code))]
fn register_exports(env: Env, exports: Value) -> JsResult<()> {
    env.define(exports, "decodePacket", env.function("decodePacket", js::decode::decode_packet)?)?;
    env.define(exports, "describeIcmp", env.function("describeIcmp", js::decode::describe_icmp)?)?;
    env.define(exports, "probeCapability", env.function("probeCapability", js::capability::probe_capability)?)?;
    env.define(exports, "Session", js::session::define_class(env)?)?;
    env.define(exports, "addonVersion", env.string(env!("CARGO_PKG_VERSION"))?)?;
    #[cfg(feature = "fault-injection")]
    js::testing::register(env, exports)?;
    Ok(())
}
