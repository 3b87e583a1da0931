//! The JavaScript API (typed in `native/index.d.ts`): argument checking and conversion of
//! engine events, decoded packets and capability reports into plain JS objects.

pub mod capability;
pub mod decode;
mod options;
pub mod session;
#[cfg(feature = "fault-injection")]
pub mod testing;
mod values;
