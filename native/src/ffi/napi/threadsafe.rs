//! Moving values from a background thread to a JS function (Node-API thread-safe functions).
//!
//! Ownership: the thread that holds the [`ThreadsafeCallback`] is its only producer; dropping
//! it releases the function (once, on any path, errors and panics included). The JS
//! thread keeps a [`KeepAlive`] to decide whether pending work keeps Node's loop running;
//! it checks a flag set by the finalizer, so it never touches a finalized function.

use super::{panic_message, sys, Env, JsError, JsResult};
use std::ffi::c_void;
use std::marker::PhantomData;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::ThreadId;

/// Runs on the JS thread for each value: turn it into JS and hand it to JS code.
pub type Deliver<T> = fn(Env, T) -> JsResult<()>;

/// A channel from any thread to the JS thread: each `T` sent is handed to `Deliver` there.
/// It holds no JS function, so it keeps no JS object alive (JS-side state is found through
/// weak references in `Deliver`, which lets V8 collect sessions nobody uses).
pub struct ThreadsafeCallback<T: Send + 'static> {
    raw: sys::napi_threadsafe_function,
    finalized: Arc<AtomicBool>,
    _values: PhantomData<fn(T)>,
}

// SAFETY: Node-API documents napi_call_threadsafe_function and
// napi_release_threadsafe_function as callable from any thread; the handle stays valid
// until the last release, which dropping this value makes.
unsafe impl<T: Send + 'static> Send for ThreadsafeCallback<T> {}

impl<T: Send + 'static> ThreadsafeCallback<T> {
    /// Creates the channel; `deliver` runs on the JS thread for each value sent.
    pub fn new(env: Env, name: &str, deliver: Deliver<T>) -> JsResult<(Self, KeepAlive)> {
        let resource_name = env.string(name)?;
        let finalized = Arc::new(AtomicBool::new(false));
        let finalize_data = Box::into_raw(Box::new(finalized.clone())) as *mut c_void;
        let mut raw: sys::napi_threadsafe_function = ptr::null_mut();
        // SAFETY: valid env and handles; `deliver` rides in `context` as a plain fn pointer,
        // recovered by `call_js::<T>`; `finalize_data` is freed by `finalize` exactly once.
        let status = unsafe {
            sys::napi_create_threadsafe_function(
                env.raw,
                ptr::null_mut(), // no JS function: `call_js` does the work
                ptr::null_mut(),
                resource_name.raw(),
                0, // unbounded queue: the producer never blocks
                1, // the one producer thread
                finalize_data,
                Some(finalize),
                deliver as *mut c_void,
                Some(call_js::<T>),
                &mut raw,
            )
        };
        if let Err(error) = env.check(status) {
            // SAFETY: creation failed, so `finalize` will never run and we still own the box.
            drop(unsafe { Box::from_raw(finalize_data as *mut Arc<AtomicBool>) });
            return Err(error);
        }
        let keep_alive = KeepAlive { raw, finalized: finalized.clone(), js_thread: std::thread::current().id() };
        Ok((ThreadsafeCallback { raw, finalized, _values: PhantomData }, keep_alive))
    }

    /// Queues `value` for the JS thread. Gives it back if JS is shutting down.
    pub fn call(&self, value: T) -> Result<(), T> {
        if self.finalized.load(Ordering::Acquire) {
            return Err(value);
        }
        let data = Box::into_raw(Box::new(value));
        // SAFETY: the handle is live until this value drops; on success `call_js` owns `data`.
        let status =
            unsafe { sys::napi_call_threadsafe_function(self.raw, data as *mut c_void, sys::NAPI_TSFN_NONBLOCKING) };
        if status == sys::NAPI_OK {
            Ok(())
        } else {
            // SAFETY: the call was refused, so ownership of `data` never left us.
            Err(*unsafe { Box::from_raw(data) })
        }
    }
}

/// Dropping says this producer is done; queued values are still delivered.
impl<T: Send + 'static> Drop for ThreadsafeCallback<T> {
    fn drop(&mut self) {
        // SAFETY: `drop` runs once per value, so this is the one release of our one thread
        // count; Node-API allows it from any thread.
        unsafe { sys::napi_release_threadsafe_function(self.raw, sys::NAPI_TSFN_RELEASE) };
    }
}

/// The JS thread's handle for deciding whether queued or future work keeps Node alive.
/// It may be stored anywhere, but acts only on the JS thread that created it.
pub struct KeepAlive {
    raw: sys::napi_threadsafe_function,
    finalized: Arc<AtomicBool>,
    js_thread: ThreadId,
}

// SAFETY: the raw handle is only used by `set`, which checks that it runs on the JS thread
// that created the function (Node-API requires ref/unref there).
unsafe impl Send for KeepAlive {}
unsafe impl Sync for KeepAlive {}

impl KeepAlive {
    /// `true`: Node's event loop stays alive while the function exists; `false`: it may exit.
    pub fn set(&self, env: Env, keep: bool) {
        // The finalizer runs on the JS thread too, so on that thread the flag cannot change
        // under us; on any other thread we do nothing.
        if std::thread::current().id() != self.js_thread || self.finalized.load(Ordering::Acquire) {
            return;
        }
        // SAFETY: not yet finalized, on the JS thread, with that thread's env.
        unsafe {
            if keep {
                sys::napi_ref_threadsafe_function(env.raw, self.raw);
            } else {
                sys::napi_unref_threadsafe_function(env.raw, self.raw);
            }
        }
    }
}

unsafe extern "C" fn finalize(_env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
    if data.is_null() {
        return;
    }
    let finalized = Box::from_raw(data as *mut Arc<AtomicBool>);
    finalized.store(true, Ordering::Release);
}

unsafe extern "C" fn call_js<T: Send + 'static>(
    raw_env: sys::napi_env,
    _function: sys::napi_value,
    context: *mut c_void,
    data: *mut c_void,
) {
    if data.is_null() {
        return;
    }
    let value = Box::from_raw(data as *mut T);
    // A null env means Node is tearing down: drop the value without touching JS.
    if raw_env.is_null() {
        return;
    }
    let env = Env::from_raw(raw_env);
    // SAFETY: `new` stored a `Deliver<T>` for exactly this `T` in `context`.
    let deliver: Deliver<T> = std::mem::transmute::<*mut c_void, Deliver<T>>(context);
    match catch_unwind(AssertUnwindSafe(|| deliver(env, *value))) {
        Ok(Ok(())) => {}
        // JS code we called threw. Node 20 would swallow an exception left pending here, so
        // raise it as an uncaught exception, as a throwing EventEmitter listener would.
        Ok(Err(JsError::Pending)) => env.report_uncaught(),
        Ok(Err(error)) => {
            env.throw(error);
            env.report_uncaught();
        }
        Err(panic) => {
            env.throw(JsError::error(
                "ERR_NATIVE_PANIC",
                format!("internal error in the icmp-doctor addon: {}", panic_message(&panic)),
            ));
            env.report_uncaught();
        }
    }
}
