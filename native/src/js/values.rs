//! Small conversions from Rust values to JS values that every export uses.

use crate::ffi::napi::{Env, JsResult, Value};
use crate::wire::Family;
use std::net::IpAddr;

/// `object[key] = value`, where `None` becomes `null` (so every documented key is present).
pub fn set_optional_number(env: Env, object: Value, key: &str, value: Option<f64>) -> JsResult<()> {
    let js = match value {
        Some(number) => env.number(number)?,
        None => env.null()?,
    };
    env.set(object, key, js)
}

pub fn set_number(env: Env, object: Value, key: &str, value: f64) -> JsResult<()> {
    env.set(object, key, env.number(value)?)
}

pub fn set_string(env: Env, object: Value, key: &str, value: &str) -> JsResult<()> {
    env.set(object, key, env.string(value)?)
}

pub fn set_bool(env: Env, object: Value, key: &str, value: bool) -> JsResult<()> {
    env.set(object, key, env.boolean(value)?)
}

pub fn set_optional_address(env: Env, object: Value, key: &str, value: Option<IpAddr>) -> JsResult<()> {
    let js = match value {
        Some(address) => env.string(&address.to_string())?,
        None => env.null()?,
    };
    env.set(object, key, js)
}

pub fn family_number(family: Family) -> f64 {
    match family {
        Family::V4 => 4.0,
        Family::V6 => 6.0,
    }
}

/// A JS array of numbers.
pub fn number_array(env: Env, values: impl ExactSizeIterator<Item = f64>) -> JsResult<Value> {
    let array = env.array(values.len())?;
    for (index, value) in values.enumerate() {
        env.set_element(array, index as u32, env.number(value)?)?;
    }
    Ok(array)
}
