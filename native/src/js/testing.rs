//! `__testing`: hooks for the fault-injection test build only (cargo feature
//! `fault-injection`); a release build has neither this module nor the export.

use crate::ffi::napi::{CallContext, Env, Finalize, JsError, JsResult, Value};

pub fn register(env: Env, exports: Value) -> JsResult<()> {
    let testing = env.object()?;
    env.define(testing, "panicInScope", env.function("panicInScope", panic_in_scope)?)?;
    env.define(testing, "panicInEscapableScope", env.function("panicInEscapableScope", panic_in_escapable_scope)?)?;
    env.define(testing, "nodeApiErrorMessage", env.function("nodeApiErrorMessage", node_api_error_message)?)?;
    env.define(exports, "__testing", testing)
}

/// Panics inside an open handle scope; the caller must get an ERR_NATIVE_PANIC exception
/// and Node must not abort over a scope left open.
fn panic_in_scope(context: &CallContext) -> JsResult<Value> {
    let env = context.env();
    env.in_scope(|| {
        env.object()?;
        panic!("injected panic inside a handle scope")
    })?;
    env.undefined()
}

fn panic_in_escapable_scope(context: &CallContext) -> JsResult<Value> {
    let env = context.env();
    env.in_escapable_scope(|| {
        env.object()?;
        panic!("injected panic inside an escapable handle scope")
    })
}

struct Marker;
impl Finalize for Marker {}

/// The message a failing Node-API call turns into: wrapping one object twice is refused
/// with napi_invalid_arg, whose detail ("Invalid argument") must survive into the message.
fn node_api_error_message(context: &CallContext) -> JsResult<Value> {
    let env = context.env();
    let object = env.object()?;
    env.wrap(object, Marker)?;
    match env.wrap(object, Marker) {
        Ok(()) => env.null(),
        Err(JsError::Throw { message, .. }) => env.string(&message),
        Err(JsError::Pending) => Err(JsError::Pending),
    }
}
