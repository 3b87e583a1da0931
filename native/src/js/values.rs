//! Small conversions from Rust values to JS values that every export uses.
//!
//! Every property and element is *defined* on a fresh object or array (never assigned), so
//! setters on `Object.prototype` or `Array.prototype` neither run nor see our results.

use crate::ffi::napi::{Env, JsResult, Value};
use crate::wire::Family;
use std::cell::RefCell;
use std::net::IpAddr;

/// Defines `object[key]`, where `None` becomes `null` (so every documented key is present).
pub fn set_optional_number(env: Env, object: Value, key: &str, value: Option<f64>) -> JsResult<()> {
    let js = match value {
        Some(number) => env.number(number)?,
        None => env.null()?,
    };
    env.define(object, key, js)
}

pub fn set_number(env: Env, object: Value, key: &str, value: f64) -> JsResult<()> {
    env.define(object, key, env.number(value)?)
}

pub fn set_string(env: Env, object: Value, key: &str, value: &str) -> JsResult<()> {
    env.define(object, key, env.string(value)?)
}

pub fn set_bool(env: Env, object: Value, key: &str, value: bool) -> JsResult<()> {
    env.define(object, key, env.boolean(value)?)
}

pub fn set_optional_address(env: Env, object: Value, key: &str, value: Option<IpAddr>) -> JsResult<()> {
    let js = match value {
        Some(address) => env.string(&address.to_string())?,
        None => env.null()?,
    };
    env.define(object, key, js)
}

pub fn family_number(family: Family) -> f64 {
    match family {
        Family::V4 => 4.0,
        Family::V6 => 6.0,
    }
}

/// A JS array of numbers.
pub fn number_array(env: Env, values: impl ExactSizeIterator<Item = f64>) -> JsResult<Value> {
    let numbers = values.map(|value| env.number(value)).collect::<JsResult<Vec<Value>>>()?;
    env.array_from(&numbers)
}

/// Property-name strings made once per delivery and reused for every object in it: creating
/// the key string is most of the cost of setting a property by name.
pub struct Keys {
    env: Env,
    made: RefCell<Vec<(&'static str, Value)>>,
}

impl Keys {
    pub fn new(env: Env) -> Keys {
        Keys { env, made: RefCell::new(Vec::with_capacity(32)) }
    }

    pub fn get(&self, name: &'static str) -> JsResult<Value> {
        if let Some((_, key)) = self.made.borrow().iter().find(|(made, _)| *made == name) {
            return Ok(*key);
        }
        let key = self.env.string(name)?;
        self.made.borrow_mut().push((name, key));
        Ok(key)
    }
}

/// Collects the properties of one plain object, then creates it in a single call.
pub struct ObjectBuilder<'k> {
    env: Env,
    keys: &'k Keys,
    properties: Vec<(Value, Value)>,
}

impl<'k> ObjectBuilder<'k> {
    pub fn new(env: Env, keys: &'k Keys) -> Self {
        ObjectBuilder { env, keys, properties: Vec::with_capacity(16) }
    }
    pub fn value(mut self, key: &'static str, value: Value) -> JsResult<Self> {
        self.properties.push((self.keys.get(key)?, value));
        Ok(self)
    }
    pub fn number(self, key: &'static str, value: f64) -> JsResult<Self> {
        let value = self.env.number(value)?;
        self.value(key, value)
    }
    pub fn optional_number(self, key: &'static str, value: Option<f64>) -> JsResult<Self> {
        let value = match value {
            Some(number) => self.env.number(number)?,
            None => self.env.null()?,
        };
        self.value(key, value)
    }
    pub fn string(self, key: &'static str, value: &str) -> JsResult<Self> {
        let value = self.env.string(value)?;
        self.value(key, value)
    }
    pub fn boolean(self, key: &'static str, value: bool) -> JsResult<Self> {
        let value = self.env.boolean(value)?;
        self.value(key, value)
    }
    pub fn keys(&self) -> &'k Keys {
        self.keys
    }
    pub fn build(self) -> JsResult<Value> {
        self.env.object_from(&self.properties)
    }
}

/// Address strings made once per delivery: a flood's thousands of events share one target.
pub struct Addresses {
    env: Env,
    made: RefCell<Vec<(IpAddr, Value)>>,
}

impl Addresses {
    pub fn new(env: Env) -> Addresses {
        Addresses { env, made: RefCell::new(Vec::new()) }
    }

    pub fn get(&self, address: IpAddr) -> JsResult<Value> {
        if let Some((_, value)) = self.made.borrow().iter().find(|(made, _)| *made == address) {
            return Ok(*value);
        }
        let value = self.env.string(&address.to_string())?;
        let mut made = self.made.borrow_mut();
        // A sweep has many addresses; keep the cache small and let the rest be made afresh.
        if made.len() < 64 {
            made.push((address, value));
        }
        Ok(value)
    }

    pub fn optional(&self, address: Option<IpAddr>) -> JsResult<Value> {
        match address {
            Some(address) => self.get(address),
            None => self.env.null(),
        }
    }
}
