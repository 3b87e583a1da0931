//! `probeCapability()`: may this process open ICMP datagram sockets here, and why not.

use super::values::{family_number, number_array, set_bool, set_number, set_optional_number, set_string};
use crate::capability::{self, SocketCheck, PING_GROUP_RANGE_PATH};
use crate::ffi::napi::{CallContext, Env, JsResult, Value};
use crate::socket::errno_name;

pub fn probe_capability(context: &CallContext) -> JsResult<Value> {
    let env = context.env();
    let report = capability::probe();
    let result = env.object()?;
    env.define(result, "v4", socket_check(env, &report.v4)?)?;
    env.define(result, "v6", socket_check(env, &report.v6)?)?;
    let raw = env.object()?;
    env.define(raw, "v4", socket_check(env, &report.raw_v4)?)?;
    env.define(raw, "v6", socket_check(env, &report.raw_v6)?)?;
    env.define(result, "raw", raw)?;
    let cap_net_raw = match report.cap_net_raw {
        Some(held) => env.boolean(held)?,
        None => env.null()?,
    };
    env.define(result, "capNetRaw", cap_net_raw)?;
    set_string(env, result, "pingGroupRangePath", PING_GROUP_RANGE_PATH)?;
    match &report.ping_group_range {
        Ok((low, high)) => {
            env.define(result, "pingGroupRange", number_array(env, [f64::from(*low), f64::from(*high)].into_iter())?)?;
            env.define(result, "pingGroupRangeError", env.null()?)?;
        }
        Err(reason) => {
            env.define(result, "pingGroupRange", env.null()?)?;
            set_string(env, result, "pingGroupRangeError", reason)?;
        }
    }
    let identity = &report.identity;
    set_number(env, result, "uid", f64::from(identity.uid))?;
    set_number(env, result, "euid", f64::from(identity.euid))?;
    set_number(env, result, "gid", f64::from(identity.gid))?;
    set_number(env, result, "egid", f64::from(identity.egid))?;
    env.define(result, "groups", number_array(env, identity.groups.iter().map(|group| f64::from(*group)))?)?;
    env.define(
        result,
        "coveredGroups",
        number_array(env, report.covered_groups.iter().map(|group| f64::from(*group)))?,
    )?;
    Ok(result)
}

fn socket_check(env: Env, check: &SocketCheck) -> JsResult<Value> {
    let object = env.object()?;
    set_number(env, object, "family", family_number(check.family))?;
    set_bool(env, object, "allowed", check.allowed)?;
    let errno = match check.errno {
        Some(errno) => env.string(errno_name(errno))?,
        None => env.null()?,
    };
    env.define(object, "errno", errno)?;
    set_optional_number(env, object, "errnoCode", check.errno.map(f64::from))?;
    set_string(env, object, "message", &check.message)?;
    Ok(object)
}
