//! Reading an options object passed from JS, with errors that name the field and the
//! accepted range ("request.ttl must be an integer from 1 to 255, got 300").

use crate::ffi::napi::{Env, JsError, JsResult, Value, ValueType};
use std::net::IpAddr;

pub struct Options {
    env: Env,
    object: Option<Value>,
    name: &'static str,
}

impl Options {
    /// `value` may be undefined/null (every field then takes its default) or an object.
    pub fn new(env: Env, value: Value, name: &'static str) -> JsResult<Options> {
        match env.type_of(value)? {
            ValueType::Undefined | ValueType::Null => Ok(Options { env, object: None, name }),
            ValueType::Object => Ok(Options { env, object: Some(value), name }),
            other => Err(JsError::type_error(
                "ERR_INVALID_ARG_TYPE",
                format!("{name} must be an object, got {}", other.describe()),
            )),
        }
    }

    fn field(&self, key: &str) -> JsResult<Option<Value>> {
        let object = match self.object {
            Some(object) => object,
            None => return Ok(None),
        };
        let value = self.env.get(object, key)?;
        if self.env.is_nullish(value)? {
            Ok(None)
        } else {
            Ok(Some(value))
        }
    }

    fn path(&self, key: &str) -> String {
        format!("{}.{key}", self.name)
    }

    /// An integer field within `min..=max`.
    pub fn integer(&self, key: &str, min: u64, max: u64) -> JsResult<Option<u64>> {
        let value = match self.field(key)? {
            Some(value) => value,
            None => return Ok(None),
        };
        let number = self.env.to_f64(value, &self.path(key))?;
        if number.fract() != 0.0 || !number.is_finite() || number < min as f64 || number > max as f64 {
            return Err(JsError::range_error(
                "ERR_OUT_OF_RANGE",
                format!("{} must be an integer from {min} to {max}, got {number}", self.path(key)),
            ));
        }
        Ok(Some(number as u64))
    }

    /// A finite number within `min..=max`.
    pub fn number(&self, key: &str, min: f64, max: f64) -> JsResult<Option<f64>> {
        let value = match self.field(key)? {
            Some(value) => value,
            None => return Ok(None),
        };
        let number = self.env.to_f64(value, &self.path(key))?;
        if !number.is_finite() || number < min || number > max {
            return Err(JsError::range_error(
                "ERR_OUT_OF_RANGE",
                format!("{} must be a number from {min} to {max}, got {number}", self.path(key)),
            ));
        }
        Ok(Some(number))
    }

    /// A nested options object (absent: an empty one).
    pub fn nested(&self, key: &str, name: &'static str) -> JsResult<Options> {
        match self.field(key)? {
            Some(value) => Options::new(self.env, value, name),
            None => Ok(Options { env: self.env, object: None, name }),
        }
    }

    pub fn boolean(&self, key: &str) -> JsResult<Option<bool>> {
        let value = match self.field(key)? {
            Some(value) => value,
            None => return Ok(None),
        };
        self.env.to_bool(value, &self.path(key)).map(Some)
    }

    pub fn string(&self, key: &str) -> JsResult<Option<String>> {
        let value = match self.field(key)? {
            Some(value) => value,
            None => return Ok(None),
        };
        self.env.to_string(value, &self.path(key)).map(Some)
    }

    /// An IP address literal (IPv4-mapped IPv6 addresses become IPv4).
    pub fn address(&self, key: &str) -> JsResult<Option<IpAddr>> {
        let text = match self.string(key)? {
            Some(text) => text,
            None => return Ok(None),
        };
        parse_address(&text, &self.path(key)).map(Some)
    }
}

pub fn parse_address(text: &str, what: &str) -> JsResult<IpAddr> {
    let address: IpAddr = text.trim().parse().map_err(|_| {
        JsError::type_error(
            "ERR_INVALID_IP_ADDRESS",
            format!("{what} must be an IPv4 or IPv6 address literal (resolve host names first), got {text:?}"),
        )
    })?;
    // IPv4-mapped IPv6 becomes IPv4 (`IpAddr::to_canonical` is newer than Rust 1.63).
    Ok(match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        IpAddr::V4(_) => address,
    })
}
