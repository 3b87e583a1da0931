//! A small, safe layer over Node-API, so the rest of the addon never touches a raw pointer.
//!
//! What it promises:
//! - [`Env`] and [`Value`] are only handed out inside a Node-API callback and cannot leave
//!   the JS thread (`Env` is `!Send`); every status is checked and turned into a [`JsError`].
//! - Rust callbacks ([`Callback`]) run under `catch_unwind`: a panic becomes a thrown JS
//!   `Error`, never an abort of the host process.
//! - Native objects attached to JS objects ([`Env::wrap`]) carry a type tag, so a method
//!   called on a foreign object (`Session.prototype.close.call({})`) throws a `TypeError`
//!   instead of reading memory it does not own.
//! - [`ThreadsafeCallback`] moves values from any thread to the JS thread; [`ObjectRef`]
//!   and [`CleanupHook`] let native state follow a JS object's life and the environment's.

mod lifetime;
pub(crate) mod sys;
mod threadsafe;

pub use lifetime::{CleanupHook, ObjectRef};
pub use threadsafe::{KeepAlive, ThreadsafeCallback};

use std::any::Any;
use std::ffi::{c_void, CStr, CString};
use std::marker::PhantomData;
use std::os::raw::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

/// The JS environment of the current callback. Not `Send`: Node-API handles are only valid
/// on the thread (and, for values, in the callback scope) that received them.
#[derive(Clone, Copy)]
pub struct Env {
    raw: sys::napi_env,
    _not_send: PhantomData<*mut ()>,
}

/// A handle to a JS value, valid until the current callback returns.
#[derive(Clone, Copy)]
pub struct Value {
    raw: sys::napi_value,
}

/// The JS type of a value, as `typeof` would say (with `null` apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    Undefined,
    Null,
    Boolean,
    Number,
    String,
    Symbol,
    Object,
    Function,
    External,
    BigInt,
}

impl ValueType {
    pub fn describe(self) -> &'static str {
        match self {
            ValueType::Undefined => "undefined",
            ValueType::Null => "null",
            ValueType::Boolean => "a boolean",
            ValueType::Number => "a number",
            ValueType::String => "a string",
            ValueType::Symbol => "a symbol",
            ValueType::Object => "an object",
            ValueType::Function => "a function",
            ValueType::External => "an external",
            ValueType::BigInt => "a bigint",
        }
    }
}

/// Which JS error constructor a thrown error uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Error,
    TypeError,
    RangeError,
}

/// Why a Node-API operation did not produce a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsError {
    /// A JS exception is already pending (e.g. a user callback threw); let it propagate.
    Pending,
    /// Throw a new error with this constructor, `code` property and message.
    Throw { kind: ErrorKind, code: String, message: String },
}

impl JsError {
    pub fn error(code: &str, message: impl Into<String>) -> Self {
        JsError::Throw { kind: ErrorKind::Error, code: code.to_owned(), message: message.into() }
    }
    pub fn type_error(code: &str, message: impl Into<String>) -> Self {
        JsError::Throw { kind: ErrorKind::TypeError, code: code.to_owned(), message: message.into() }
    }
    pub fn range_error(code: &str, message: impl Into<String>) -> Self {
        JsError::Throw { kind: ErrorKind::RangeError, code: code.to_owned(), message: message.into() }
    }
}

pub type JsResult<T> = Result<T, JsError>;

/// A native function callable from JS. `this` and the arguments come in the [`CallContext`].
pub type Callback = fn(&CallContext) -> JsResult<Value>;

/// The receiver and arguments of one JS call into Rust.
pub struct CallContext {
    env: Env,
    this: Value,
    args: Vec<Value>,
    undefined: Value,
    construct_call: bool,
}

impl CallContext {
    pub fn env(&self) -> Env {
        self.env
    }
    pub fn this(&self) -> Value {
        self.this
    }
    /// Argument `index`, or `undefined` when the caller passed fewer.
    pub fn arg(&self, index: usize) -> Value {
        self.args.get(index).copied().unwrap_or(self.undefined)
    }
    /// True when called with `new` (Node-API classes can otherwise be called as functions).
    pub fn is_construct_call(&self) -> bool {
        self.construct_call
    }
}

/// Native state attached to a JS object that must release JS-side resources (references,
/// hooks) when the object is collected; `finalize` runs just before the value is dropped.
pub trait Finalize: 'static {
    fn finalize(&self, _env: Env) {}
}

/// What `wrap` stores: the value, reachable as `Any` for `with_wrapped`, and its finalizer.
trait Wrapped {
    fn as_any(&self) -> &dyn Any;
    fn finalize(&self, env: Env);
}

impl<T: Finalize> Wrapped for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn finalize(&self, env: Env) {
        Finalize::finalize(self, env)
    }
}

/// The most arguments any of our functions reads; extra ones are ignored, as JS does.
const MAX_ARGS: usize = 8;

/// The tag that marks JS objects wrapping one of our native values.
const WRAP_TAG: sys::napi_type_tag = sys::napi_type_tag { lower: 0x1c3d_0d0c_7001_0001, upper: 0x6963_6d70_646f_6374 };

impl Env {
    fn check(self, status: sys::napi_status) -> JsResult<()> {
        if status == sys::NAPI_OK {
            return Ok(());
        }
        // The detail first: every Node-API call, napi_is_exception_pending included, resets
        // the last error, so asking about exceptions first would lose the message.
        let mut info: *const sys::napi_extended_error_info = ptr::null();
        // SAFETY: `self.raw` is the env of the running callback; Node-API owns the returned
        // struct until the next call, and we copy the message out before making one.
        let detail = unsafe {
            sys::napi_get_last_error_info(self.raw, &mut info);
            if info.is_null() || (*info).error_message.is_null() {
                format!("status {status}")
            } else {
                CStr::from_ptr((*info).error_message).to_string_lossy().into_owned()
            }
        };
        let mut pending = false;
        // SAFETY: valid env and out-pointer.
        unsafe { sys::napi_is_exception_pending(self.raw, &mut pending) };
        if pending || status == sys::NAPI_PENDING_EXCEPTION {
            return Err(JsError::Pending);
        }
        Err(JsError::error("ERR_NATIVE_NODE_API", format!("Node-API call failed: {detail}")))
    }

    fn out_value(self, call: impl FnOnce(*mut sys::napi_value) -> sys::napi_status) -> JsResult<Value> {
        let mut raw: sys::napi_value = ptr::null_mut();
        self.check(call(&mut raw))?;
        Ok(Value { raw })
    }

    pub fn undefined(self) -> JsResult<Value> {
        // SAFETY: valid env and out-pointer (the pattern of every call below).
        self.out_value(|out| unsafe { sys::napi_get_undefined(self.raw, out) })
    }
    pub fn null(self) -> JsResult<Value> {
        self.out_value(|out| unsafe { sys::napi_get_null(self.raw, out) })
    }
    pub fn boolean(self, value: bool) -> JsResult<Value> {
        self.out_value(|out| unsafe { sys::napi_get_boolean(self.raw, value, out) })
    }
    pub fn number(self, value: f64) -> JsResult<Value> {
        self.out_value(|out| unsafe { sys::napi_create_double(self.raw, value, out) })
    }
    pub fn string(self, value: &str) -> JsResult<Value> {
        // SAFETY: the pointer/length pair describes `value`, which Node copies.
        self.out_value(|out| unsafe {
            sys::napi_create_string_utf8(self.raw, value.as_ptr() as *const c_char, value.len(), out)
        })
    }
    pub fn object(self) -> JsResult<Value> {
        self.out_value(|out| unsafe { sys::napi_create_object(self.raw, out) })
    }
    pub fn array(self, length: usize) -> JsResult<Value> {
        self.out_value(|out| unsafe { sys::napi_create_array_with_length(self.raw, length, out) })
    }
    /// Defines `object[key]` as a plain data property (writable, enumerable, configurable).
    /// Defined, not assigned: no setter on the prototype chain (`Object.prototype`) runs, so
    /// filling a result can neither call into JS nor be intercepted by it.
    pub fn define(self, object: Value, key: &str, value: Value) -> JsResult<()> {
        let key = PropertyName::new(key)?;
        let descriptor = sys::napi_property_descriptor {
            utf8name: key.as_ptr(),
            name: ptr::null_mut(),
            method: None,
            getter: None,
            setter: None,
            value: value.raw,
            attributes: sys::NAPI_DEFAULT_JSPROPERTY,
            data: ptr::null_mut(),
        };
        // SAFETY: one live descriptor whose name outlives the call.
        self.check(unsafe { sys::napi_define_properties(self.raw, object.raw, 1, &descriptor) })
    }
    /// Defines `object[key] = value` as read-only, non-enumerable and non-configurable: state
    /// that belongs to the object but is not part of its enumerable shape.
    pub fn define_fixed(self, object: Value, key: &str, value: Value) -> JsResult<()> {
        let key = PropertyName::new(key)?;
        let descriptor = sys::napi_property_descriptor {
            utf8name: key.as_ptr(),
            name: ptr::null_mut(),
            method: None,
            getter: None,
            setter: None,
            value: value.raw,
            attributes: sys::NAPI_DEFAULT,
            data: ptr::null_mut(),
        };
        // SAFETY: one live descriptor whose name outlives the call.
        self.check(unsafe { sys::napi_define_properties(self.raw, object.raw, 1, &descriptor) })
    }

    /// A new plain object with these `(key, value)` data properties (writable, enumerable,
    /// configurable), defined in one call; keys made once with `string` can be reused.
    pub fn object_from(self, properties: &[(Value, Value)]) -> JsResult<Value> {
        let object = self.object()?;
        let descriptors: Vec<sys::napi_property_descriptor> = properties
            .iter()
            .map(|(key, value)| sys::napi_property_descriptor {
                utf8name: ptr::null(),
                name: key.raw,
                method: None,
                getter: None,
                setter: None,
                value: value.raw,
                attributes: sys::NAPI_DEFAULT_JSPROPERTY,
                data: ptr::null_mut(),
            })
            .collect();
        // SAFETY: the descriptors hold live handles of the current scope.
        self.check(unsafe {
            sys::napi_define_properties(self.raw, object.raw, descriptors.len(), descriptors.as_ptr())
        })?;
        Ok(object)
    }

    /// A new array holding `values`, its elements defined (not assigned), so an index setter
    /// on `Array.prototype` never sees them. Index keys are strings: Node-API defines
    /// properties by name only, and V8 stores a canonical index name as an element.
    pub fn array_from(self, values: &[Value]) -> JsResult<Value> {
        // The index names are garbage once defined: make them in a scope of their own.
        self.in_escapable_scope(|| {
            let array = self.array(values.len())?;
            let mut descriptors = Vec::with_capacity(values.len());
            let mut digits = itoa_buffer();
            for (index, value) in values.iter().enumerate() {
                let name = self.string(format_index(&mut digits, index))?;
                descriptors.push(sys::napi_property_descriptor {
                    utf8name: ptr::null(),
                    name: name.raw,
                    method: None,
                    getter: None,
                    setter: None,
                    value: value.raw,
                    attributes: sys::NAPI_DEFAULT_JSPROPERTY,
                    data: ptr::null_mut(),
                });
            }
            // SAFETY: the descriptors hold live handles of the current scope.
            self.check(unsafe {
                sys::napi_define_properties(self.raw, array.raw, descriptors.len(), descriptors.as_ptr())
            })?;
            Ok(array)
        })
    }

    /// Runs `f` in a handle scope of its own: the JS values it creates become collectable
    /// when it returns (they must not be used afterwards, hence the unit result). The scope
    /// closes even if `f` panics, so a caught panic never leaves V8 with an open scope.
    pub fn in_scope(self, f: impl FnOnce() -> JsResult<()>) -> JsResult<()> {
        let scope = HandleScope::open(self)?;
        let result = f();
        result.and(scope.close())
    }

    /// Runs `f` in an escapable handle scope: `f` returns one value that outlives the scope
    /// (every other value it made becomes collectable). The scope closes on panic too.
    pub fn in_escapable_scope(self, f: impl FnOnce() -> JsResult<Value>) -> JsResult<Value> {
        let scope = EscapableScope::open(self)?;
        let value = f()?;
        let escaped = scope.escape(value)?;
        scope.close()?;
        Ok(escaped)
    }

    /// Takes the pending JS exception and reports it as Node reports an exception thrown by
    /// a callback it invoked: an `'uncaughtException'` (the process ends if nobody listens).
    /// Nothing happens when no exception is pending.
    pub fn report_uncaught(self) {
        let mut error: sys::napi_value = ptr::null_mut();
        // SAFETY: valid env and out-pointer; napi_fatal_exception wants no pending exception,
        // which the get-and-clear guarantees.
        unsafe {
            if sys::napi_get_and_clear_last_exception(self.raw, &mut error) == sys::NAPI_OK && !error.is_null() {
                let mut kind: sys::napi_valuetype = 0;
                // get_and_clear yields `undefined` when nothing was pending.
                if sys::napi_typeof(self.raw, error, &mut kind) == sys::NAPI_OK && kind != sys::NAPI_UNDEFINED {
                    sys::napi_fatal_exception(self.raw, error);
                }
            }
        }
    }

    /// `object[key]` (undefined when absent).
    pub fn get(self, object: Value, key: &str) -> JsResult<Value> {
        let key = PropertyName::new(key)?;
        // SAFETY: as in `set`.
        self.out_value(|out| unsafe { sys::napi_get_named_property(self.raw, object.raw, key.as_ptr(), out) })
    }
    pub fn type_of(self, value: Value) -> JsResult<ValueType> {
        let mut kind: sys::napi_valuetype = 0;
        // SAFETY: valid handle and out-pointer.
        self.check(unsafe { sys::napi_typeof(self.raw, value.raw, &mut kind) })?;
        Ok(match kind {
            sys::NAPI_UNDEFINED => ValueType::Undefined,
            sys::NAPI_NULL => ValueType::Null,
            sys::NAPI_BOOLEAN => ValueType::Boolean,
            sys::NAPI_NUMBER => ValueType::Number,
            sys::NAPI_STRING => ValueType::String,
            sys::NAPI_SYMBOL => ValueType::Symbol,
            sys::NAPI_FUNCTION => ValueType::Function,
            sys::NAPI_EXTERNAL => ValueType::External,
            sys::NAPI_BIGINT => ValueType::BigInt,
            _ => ValueType::Object,
        })
    }

    /// True for `undefined` and `null`: an option the caller left out.
    pub fn is_nullish(self, value: Value) -> JsResult<bool> {
        Ok(matches!(self.type_of(value)?, ValueType::Undefined | ValueType::Null))
    }

    fn expect_type(self, value: Value, expected: ValueType, what: &str) -> JsResult<()> {
        let actual = self.type_of(value)?;
        if actual == expected {
            Ok(())
        } else {
            Err(JsError::type_error(
                "ERR_INVALID_ARG_TYPE",
                format!("{what} must be {}, got {}", expected.describe(), actual.describe()),
            ))
        }
    }

    /// A JS number as `f64`; `what` names the argument in the `TypeError` otherwise.
    pub fn to_f64(self, value: Value, what: &str) -> JsResult<f64> {
        self.expect_type(value, ValueType::Number, what)?;
        let mut out = 0f64;
        // SAFETY: valid handle (checked to be a number) and out-pointer.
        self.check(unsafe { sys::napi_get_value_double(self.raw, value.raw, &mut out) })?;
        Ok(out)
    }
    pub fn to_bool(self, value: Value, what: &str) -> JsResult<bool> {
        self.expect_type(value, ValueType::Boolean, what)?;
        let mut out = false;
        // SAFETY: as above.
        self.check(unsafe { sys::napi_get_value_bool(self.raw, value.raw, &mut out) })?;
        Ok(out)
    }
    pub fn to_string(self, value: Value, what: &str) -> JsResult<String> {
        self.expect_type(value, ValueType::String, what)?;
        let mut length = 0usize;
        // SAFETY: a null buffer asks only for the length in bytes (without the NUL).
        self.check(unsafe { sys::napi_get_value_string_utf8(self.raw, value.raw, ptr::null_mut(), 0, &mut length) })?;
        let mut bytes = vec![0u8; length + 1];
        let mut written = 0usize;
        // SAFETY: `bytes` has room for `length` bytes plus the NUL Node writes.
        self.check(unsafe {
            sys::napi_get_value_string_utf8(
                self.raw,
                value.raw,
                bytes.as_mut_ptr() as *mut c_char,
                bytes.len(),
                &mut written,
            )
        })?;
        bytes.truncate(written);
        // Node writes valid UTF-8 (lone surrogates become U+FFFD), so this never loses data.
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
    /// A copy of the bytes of a `Buffer`, `Uint8Array` or `ArrayBuffer`. Other views (other
    /// typed arrays, `DataView`) are refused, and so is memory another thread may write while
    /// we read it (a `SharedArrayBuffer` behind the view) or a detached buffer.
    pub fn to_bytes(self, value: Value, what: &str) -> JsResult<Vec<u8>> {
        let refuse = |detail: String| {
            JsError::type_error(
                "ERR_INVALID_ARG_TYPE",
                format!("{what} must be a Buffer, Uint8Array or ArrayBuffer, got {detail}"),
            )
        };
        let mut is_typed = false;
        let mut is_arraybuffer = false;
        // SAFETY: valid handles and out-pointers throughout; the data pointer is read for
        // exactly the length Node reports, before any JS can run and detach the buffer, and
        // only after checking the backing store is a plain (unshared, attached) ArrayBuffer,
        // so no other thread can write the bytes while the slice exists.
        unsafe {
            self.check(sys::napi_is_typedarray(self.raw, value.raw, &mut is_typed))?;
            if is_typed {
                let mut kind: sys::napi_typedarray_type = 0;
                let mut length = 0usize;
                let mut data: *mut c_void = ptr::null_mut();
                let mut backing: sys::napi_value = ptr::null_mut();
                let mut offset = 0usize;
                self.check(sys::napi_get_typedarray_info(
                    self.raw,
                    value.raw,
                    &mut kind,
                    &mut length,
                    &mut data,
                    &mut backing,
                    &mut offset,
                ))?;
                if kind != sys::NAPI_UINT8_ARRAY {
                    return Err(refuse(format!("a typed array of another element type ({})", typed_array_name(kind))));
                }
                self.plain_arraybuffer(Value { raw: backing }, &refuse)?;
                // `data` already points at byte_offset.
                return Ok(copy_bytes(data, length));
            }
            self.check(sys::napi_is_arraybuffer(self.raw, value.raw, &mut is_arraybuffer))?;
            if is_arraybuffer {
                self.plain_arraybuffer(value, &refuse)?;
                let mut data: *mut c_void = ptr::null_mut();
                let mut length = 0usize;
                self.check(sys::napi_get_arraybuffer_info(self.raw, value.raw, &mut data, &mut length))?;
                return Ok(copy_bytes(data, length));
            }
        }
        let actual = self.type_of(value)?;
        let detail = match actual {
            ValueType::Object if self.is_shared_array_buffer(value)? => "a SharedArrayBuffer".to_owned(),
            ValueType::Object if self.is_data_view(value)? => "a DataView".to_owned(),
            _ => actual.describe().to_owned(),
        };
        Err(refuse(detail))
    }

    /// Ok when `backing` is an ordinary, attached ArrayBuffer: `napi_is_arraybuffer` is false
    /// for a SharedArrayBuffer, whose bytes other threads may change while we read them.
    fn plain_arraybuffer(self, backing: Value, refuse: &impl Fn(String) -> JsError) -> JsResult<()> {
        let mut plain = false;
        let mut detached = false;
        // SAFETY: valid handle and out-pointers.
        unsafe {
            self.check(sys::napi_is_arraybuffer(self.raw, backing.raw, &mut plain))?;
            if !plain {
                return Err(refuse("a view of a SharedArrayBuffer (copy it into a Uint8Array first)".to_owned()));
            }
            self.check(sys::napi_is_detached_arraybuffer(self.raw, backing.raw, &mut detached))?;
        }
        if detached {
            return Err(refuse("a detached buffer".to_owned()));
        }
        Ok(())
    }

    /// `value instanceof SharedArrayBuffer`, asked through the global constructor only to
    /// word an error well (the byte checks above never rely on it).
    fn is_shared_array_buffer(self, value: Value) -> JsResult<bool> {
        self.is_instance_of_global(value, "SharedArrayBuffer")
    }
    fn is_data_view(self, value: Value) -> JsResult<bool> {
        let mut result = false;
        // SAFETY: valid handle and out-pointer.
        self.check(unsafe { sys::napi_is_dataview(self.raw, value.raw, &mut result) })?;
        Ok(result)
    }
    fn is_instance_of_global(self, value: Value, name: &str) -> JsResult<bool> {
        let global = self.out_value(|out| unsafe { sys::napi_get_global(self.raw, out) })?;
        let constructor = self.get(global, name)?;
        if self.type_of(constructor)? != ValueType::Function {
            return Ok(false);
        }
        let mut result = false;
        // SAFETY: valid handles (the constructor checked to be a function) and out-pointer.
        self.check(unsafe { sys::napi_instanceof(self.raw, value.raw, constructor.raw, &mut result) })?;
        Ok(result)
    }

    /// Calls `function` with `this = undefined` and `args`.
    pub fn call(self, function: Value, args: &[Value]) -> JsResult<Value> {
        let this = self.undefined()?;
        let raw_args: Vec<sys::napi_value> = args.iter().map(|value| value.raw).collect();
        // SAFETY: `raw_args` holds `raw_args.len()` live handles for the duration of the call.
        self.out_value(|out| unsafe {
            sys::napi_call_function(self.raw, this.raw, function.raw, raw_args.len(), raw_args.as_ptr(), out)
        })
    }

    /// A JS function that runs `callback`.
    pub fn function(self, name: &str, callback: Callback) -> JsResult<Value> {
        // SAFETY: the name pointer/length pair is valid for the call; `data` carries the fn
        // pointer that `trampoline` turns back into a `Callback` (same size on every target).
        self.out_value(|out| unsafe {
            sys::napi_create_function(
                self.raw,
                name.as_ptr() as *const c_char,
                name.len(),
                Some(trampoline),
                callback as *mut c_void,
                out,
            )
        })
    }

    /// A JS class whose constructor runs `constructor` and whose prototype has `methods`.
    pub fn class(self, name: &str, constructor: Callback, methods: &[(&str, Callback)]) -> JsResult<Value> {
        // Property descriptors take NUL-terminated names (no `c"…"` literals before Rust
        // 1.77, and Debian's 1.63 builds the Windows addon).
        let method_names = methods
            .iter()
            .map(|(method_name, _)| CString::new(*method_name))
            .collect::<Result<Vec<CString>, _>>()
            .map_err(|_| JsError::type_error("ERR_INVALID_ARG_VALUE", "a method name contains a NUL byte"))?;
        let descriptors: Vec<sys::napi_property_descriptor> = methods
            .iter()
            .zip(&method_names)
            .map(|((_, callback), method_name)| sys::napi_property_descriptor {
                utf8name: method_name.as_ptr(),
                name: ptr::null_mut(),
                method: Some(trampoline),
                getter: None,
                setter: None,
                value: ptr::null_mut(),
                attributes: sys::NAPI_DEFAULT,
                data: *callback as *mut c_void,
            })
            .collect();
        // SAFETY: descriptors and names live until the call returns (Node copies them).
        self.out_value(|out| unsafe {
            sys::napi_define_class(
                self.raw,
                name.as_ptr() as *const c_char,
                name.len(),
                Some(trampoline),
                constructor as *mut c_void,
                descriptors.len(),
                descriptors.as_ptr(),
                out,
            )
        })
    }

    /// Attaches `native` to the JS object `object`; when the object is collected, `native`'s
    /// `finalize` runs and then it is dropped.
    pub fn wrap<T: Finalize>(self, object: Value, native: T) -> JsResult<()> {
        let boxed: Box<Box<dyn Wrapped>> = Box::new(Box::new(native));
        let raw = Box::into_raw(boxed) as *mut c_void;
        // SAFETY: `raw` is a leaked Box<Box<dyn Wrapped>> that only `drop_wrapped` frees; the
        // tag marks the object so `with_wrapped` can trust what `napi_unwrap` returns.
        unsafe {
            let status =
                sys::napi_wrap(self.raw, object.raw, raw, Some(drop_wrapped), ptr::null_mut(), ptr::null_mut());
            if let Err(error) = self.check(status) {
                drop(Box::from_raw(raw as *mut Box<dyn Wrapped>));
                return Err(error);
            }
            self.check(sys::napi_type_tag_object(self.raw, object.raw, &WRAP_TAG))
        }
    }

    /// Runs `f` with the native value of type `T` attached to `object` by [`Env::wrap`].
    pub fn with_wrapped<T: 'static, R>(self, object: Value, f: impl FnOnce(&T) -> R) -> JsResult<R> {
        let illegal =
            || JsError::type_error("ERR_INVALID_THIS", "Illegal invocation: not an icmp-doctor native object");
        if self.type_of(object)? != ValueType::Object {
            return Err(illegal());
        }
        let mut tagged = false;
        // SAFETY: valid handles and out-pointers; the pointer comes from our own `wrap` (the
        // tag proves it), so it is a live Box<Box<dyn Wrapped>> until the object is collected,
        // which cannot happen while `object` is a handle in the current scope.
        unsafe {
            self.check(sys::napi_check_object_type_tag(self.raw, object.raw, &WRAP_TAG, &mut tagged))?;
            if !tagged {
                return Err(illegal());
            }
            let mut raw: *mut c_void = ptr::null_mut();
            self.check(sys::napi_unwrap(self.raw, object.raw, &mut raw))?;
            let native = &*(raw as *const Box<dyn Wrapped>);
            match native.as_any().downcast_ref::<T>() {
                Some(value) => Ok(f(value)),
                None => Err(illegal()),
            }
        }
    }

    /// Throws `error` in JS (nothing to do for an already pending exception).
    pub fn throw(self, error: JsError) {
        let (kind, code, message) = match error {
            JsError::Throw { kind, code, message } => (kind, code, message),
            _ => return,
        };
        // SAFETY: plain handle creation and throw on the current env; failures here leave
        // nothing to clean up, and the best we can do is not to throw.
        unsafe {
            let (code_value, message_value) = match (self.string(&code), self.string(&message)) {
                (Ok(code_value), Ok(message_value)) => (code_value, message_value),
                _ => return,
            };
            let mut error_value: sys::napi_value = ptr::null_mut();
            let status = match kind {
                ErrorKind::Error => {
                    sys::napi_create_error(self.raw, code_value.raw, message_value.raw, &mut error_value)
                }
                ErrorKind::TypeError => {
                    sys::napi_create_type_error(self.raw, code_value.raw, message_value.raw, &mut error_value)
                }
                ErrorKind::RangeError => {
                    sys::napi_create_range_error(self.raw, code_value.raw, message_value.raw, &mut error_value)
                }
            };
            if status == sys::NAPI_OK {
                sys::napi_throw(self.raw, error_value);
            }
        }
    }

    pub(crate) fn from_raw(raw: sys::napi_env) -> Env {
        Env { raw, _not_send: PhantomData }
    }
}

impl Value {
    pub(crate) fn from_raw(raw: sys::napi_value) -> Value {
        Value { raw }
    }
    pub(crate) fn raw(self) -> sys::napi_value {
        self.raw
    }
}

/// # Safety
/// `data` must point to `length` readable bytes (or `length` must be 0).
unsafe fn copy_bytes(data: *const c_void, length: usize) -> Vec<u8> {
    if length == 0 || data.is_null() {
        return Vec::new();
    }
    std::slice::from_raw_parts(data as *const u8, length).to_vec()
}

fn typed_array_name(kind: sys::napi_typedarray_type) -> &'static str {
    const NAMES: [&str; 11] = [
        "Int8Array",
        "Uint8Array",
        "Uint8ClampedArray",
        "Int16Array",
        "Uint16Array",
        "Int32Array",
        "Uint32Array",
        "Float32Array",
        "Float64Array",
        "BigInt64Array",
        "BigUint64Array",
    ];
    usize::try_from(kind).ok().and_then(|index| NAMES.get(index)).copied().unwrap_or("unknown")
}

/// Room for the decimal digits of any `usize`.
fn itoa_buffer() -> [u8; 20] {
    [0u8; 20]
}

/// `index` in decimal, written into `buffer` without allocating.
fn format_index(buffer: &mut [u8; 20], mut index: usize) -> &str {
    let mut start = buffer.len();
    loop {
        start -= 1;
        buffer[start] = b'0' + (index % 10) as u8;
        index /= 10;
        if index == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    std::str::from_utf8(&buffer[start..]).unwrap_or("0")
}

/// An open handle scope, closed exactly once: by `close` or, on an early return or a
/// panic, by `Drop` (Node aborts when a callback returns with a scope still open).
struct HandleScope {
    env: Env,
    raw: sys::napi_handle_scope,
}

impl HandleScope {
    fn open(env: Env) -> JsResult<HandleScope> {
        let mut raw: sys::napi_handle_scope = ptr::null_mut();
        // SAFETY: scopes are opened and closed in strict nesting on this thread (the guard's
        // lifetime is lexical).
        env.check(unsafe { sys::napi_open_handle_scope(env.raw, &mut raw) })?;
        Ok(HandleScope { env, raw })
    }
    fn close(mut self) -> JsResult<()> {
        let raw = std::mem::replace(&mut self.raw, ptr::null_mut());
        // SAFETY: the scope we opened, closed once (`raw` is now null for `Drop`).
        self.env.check(unsafe { sys::napi_close_handle_scope(self.env.raw, raw) })
    }
}

impl Drop for HandleScope {
    fn drop(&mut self) {
        if !self.raw.is_null() {
            // SAFETY: as in `close`; nothing to report from a destructor.
            unsafe { sys::napi_close_handle_scope(self.env.raw, self.raw) };
        }
    }
}

/// An open escapable handle scope; like [`HandleScope`], closed exactly once.
struct EscapableScope {
    env: Env,
    raw: sys::napi_escapable_handle_scope,
}

impl EscapableScope {
    fn open(env: Env) -> JsResult<EscapableScope> {
        let mut raw: sys::napi_escapable_handle_scope = ptr::null_mut();
        // SAFETY: as for `HandleScope::open`.
        env.check(unsafe { sys::napi_open_escapable_handle_scope(env.raw, &mut raw) })?;
        Ok(EscapableScope { env, raw })
    }
    fn escape(&self, value: Value) -> JsResult<Value> {
        // SAFETY: an open scope of ours and a handle made inside it; Node refuses a second
        // escape with an error status, which `out_value` turns into an Err.
        self.env.out_value(|out| unsafe { sys::napi_escape_handle(self.env.raw, self.raw, value.raw, out) })
    }
    fn close(mut self) -> JsResult<()> {
        let raw = std::mem::replace(&mut self.raw, ptr::null_mut());
        // SAFETY: the scope we opened, closed once.
        self.env.check(unsafe { sys::napi_close_escapable_handle_scope(self.env.raw, raw) })
    }
}

impl Drop for EscapableScope {
    fn drop(&mut self) {
        if !self.raw.is_null() {
            // SAFETY: as in `close`.
            unsafe { sys::napi_close_escapable_handle_scope(self.env.raw, self.raw) };
        }
    }
}

/// A property name as the NUL-terminated string Node-API wants, without allocating for
/// the short names we use on every event.
struct PropertyName {
    inline: [u8; 48],
    heap: Option<Vec<u8>>,
}

impl PropertyName {
    fn new(name: &str) -> JsResult<Self> {
        if name.as_bytes().contains(&0) {
            return Err(JsError::type_error("ERR_INVALID_ARG_VALUE", "property name contains a NUL byte"));
        }
        let mut inline = [0u8; 48];
        if name.len() < inline.len() {
            inline[..name.len()].copy_from_slice(name.as_bytes());
            return Ok(PropertyName { inline, heap: None });
        }
        let mut heap = name.as_bytes().to_vec();
        heap.push(0);
        Ok(PropertyName { inline, heap: Some(heap) })
    }
    fn as_ptr(&self) -> *const c_char {
        match &self.heap {
            Some(heap) => heap.as_ptr() as *const c_char,
            None => self.inline.as_ptr() as *const c_char,
        }
    }
}

/// Finalizes and frees what [`Env::wrap`] attached, when V8 collects the object.
unsafe extern "C" fn drop_wrapped(env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
    if data.is_null() {
        return;
    }
    let native = Box::from_raw(data as *mut Box<dyn Wrapped>);
    // A panic in a finalizer or destructor must not unwind into V8.
    let _ = catch_unwind(AssertUnwindSafe(move || {
        if !env.is_null() {
            native.finalize(Env::from_raw(env));
        }
        drop(native);
    }));
}

/// The one C entry point for every [`Callback`]: recovers the Rust function from the
/// callback data, runs it with panics caught, and turns errors into JS exceptions.
unsafe extern "C" fn trampoline(raw_env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    let env = Env::from_raw(raw_env);
    let mut argc = MAX_ARGS;
    let mut argv: [sys::napi_value; MAX_ARGS] = [ptr::null_mut(); MAX_ARGS];
    let mut this: sys::napi_value = ptr::null_mut();
    let mut data: *mut c_void = ptr::null_mut();
    if let Err(error) =
        env.check(sys::napi_get_cb_info(raw_env, info, &mut argc, argv.as_mut_ptr(), &mut this, &mut data))
    {
        env.throw(error);
        return ptr::null_mut();
    }
    let undefined = match env.undefined() {
        Ok(undefined) => undefined,
        Err(_) => return ptr::null_mut(),
    };
    let mut new_target: sys::napi_value = ptr::null_mut();
    if let Err(error) = env.check(sys::napi_get_new_target(raw_env, info, &mut new_target)) {
        env.throw(error);
        return ptr::null_mut();
    }
    // SAFETY: every callback registered through `function`/`class` stored a `Callback` here.
    let callback: Callback = std::mem::transmute::<*mut c_void, Callback>(data);
    let context = CallContext {
        env,
        this: Value { raw: this },
        args: argv[..argc.min(MAX_ARGS)].iter().map(|raw| Value { raw: *raw }).collect(),
        undefined,
        construct_call: !new_target.is_null(),
    };
    match catch_unwind(AssertUnwindSafe(|| callback(&context))) {
        Ok(Ok(value)) => value.raw,
        Ok(Err(error)) => {
            env.throw(error);
            ptr::null_mut()
        }
        Err(panic) => {
            env.throw(JsError::error(
                "ERR_NATIVE_PANIC",
                format!("internal error in the icmp-doctor addon: {}", panic_message(&panic)),
            ));
            ptr::null_mut()
        }
    }
}

pub(crate) fn panic_message(panic: &Box<dyn Any + Send>) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text.clone()
    } else {
        "unknown panic".to_owned()
    }
}

/// Registers the addon: Node looks these two symbols up when it loads the `.node` file.
#[cfg(not(test))]
mod module {
    use super::*;

    #[no_mangle]
    pub extern "C" fn node_api_module_get_api_version_v1() -> i32 {
        8
    }

    #[no_mangle]
    pub unsafe extern "C" fn napi_register_module_v1(
        raw_env: sys::napi_env,
        exports: sys::napi_value,
    ) -> sys::napi_value {
        let env = Env::from_raw(raw_env);
        let exports = Value { raw: exports };
        match catch_unwind(AssertUnwindSafe(|| crate::register_exports(env, exports))) {
            Ok(Ok(())) => exports.raw,
            Ok(Err(error)) => {
                env.throw(error);
                ptr::null_mut()
            }
            Err(panic) => {
                env.throw(JsError::error(
                    "ERR_NATIVE_PANIC",
                    format!("icmp-doctor addon failed to load: {}", panic_message(&panic)),
                ));
                ptr::null_mut()
            }
        }
    }
}
