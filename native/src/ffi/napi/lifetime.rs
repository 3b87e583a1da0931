//! Native state that follows JS lifetimes: a reference to a JS object that can be weak or
//! strong ([`ObjectRef`]), and work to do when the JS environment shuts down ([`CleanupHook`]).

use super::{sys, Env, JsResult, Value};
use std::cell::Cell;
use std::ffi::c_void;
use std::ptr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::ThreadId;

struct RefState {
    raw: sys::napi_ref,
    /// The env that made the reference, kept so the last clone can delete it on drop.
    env: sys::napi_env,
    js_thread: ThreadId,
    deleted: AtomicBool,
    strong: AtomicBool,
}

/// A reference to a JS object: weak (the object may be collected) or strong (kept alive).
/// Clones share one reference. It may be stored anywhere, but acts only on the JS thread
/// that created it; elsewhere every method does nothing (and `get` finds nothing).
/// `delete` frees it early (later calls on any clone do nothing); otherwise the last clone
/// frees it when dropped on the JS thread, so no path forgets it. (Dropped on another
/// thread it cannot be freed there; our owners drop it on the JS thread.)
#[derive(Clone)]
pub struct ObjectRef {
    state: Arc<RefState>,
}

// SAFETY: the raw reference is only used on its JS thread (checked in `on_js_thread`), where
// Node-API allows it, and `deleted` keeps it from being used after deletion.
unsafe impl Send for RefState {}
unsafe impl Sync for RefState {}

impl ObjectRef {
    /// A weak reference to `object`.
    pub fn weak(env: Env, object: Value) -> JsResult<ObjectRef> {
        let mut raw: sys::napi_ref = ptr::null_mut();
        // SAFETY: valid env and handle; an initial count of 0 makes the reference weak.
        env.check(unsafe { sys::napi_create_reference(env.raw, object.raw(), 0, &mut raw) })?;
        let state = RefState {
            raw,
            env: env.raw,
            js_thread: std::thread::current().id(),
            deleted: AtomicBool::new(false),
            strong: AtomicBool::new(false),
        };
        Ok(ObjectRef { state: Arc::new(state) })
    }

    fn usable(&self) -> bool {
        std::thread::current().id() == self.state.js_thread && !self.state.deleted.load(Ordering::Acquire)
    }

    /// The object, unless it was collected (or the reference deleted).
    pub fn get(&self, env: Env) -> Option<Value> {
        if !self.usable() {
            return None;
        }
        let mut value: sys::napi_value = ptr::null_mut();
        // SAFETY: a live reference used on its JS thread; a collected object yields NULL.
        let status = unsafe { sys::napi_get_reference_value(env.raw, self.state.raw, &mut value) };
        (status == sys::NAPI_OK && !value.is_null()).then(|| Value::from_raw(value))
    }

    /// Makes the reference strong (`true`: the object cannot be collected) or weak again.
    pub fn hold(&self, env: Env, strong: bool) {
        if !self.usable() || self.state.strong.swap(strong, Ordering::AcqRel) == strong {
            return;
        }
        let mut count = 0u32;
        // SAFETY: a live reference on its JS thread; counts only ever move between 0 and 1.
        unsafe {
            if strong {
                sys::napi_reference_ref(env.raw, self.state.raw, &mut count);
            } else {
                sys::napi_reference_unref(env.raw, self.state.raw, &mut count);
            }
        }
    }

    /// Frees the reference. Later calls on any clone do nothing.
    pub fn delete(&self, env: Env) {
        self.state.delete_with(env.raw);
    }
}

impl RefState {
    fn delete_with(&self, env: sys::napi_env) {
        if std::thread::current().id() != self.js_thread || self.deleted.swap(true, Ordering::AcqRel) {
            return;
        }
        // SAFETY: the swap above makes this the only deletion of a reference we created, on
        // the JS thread of the env that created it.
        unsafe { sys::napi_delete_reference(env, self.raw) };
    }
}

impl Drop for RefState {
    fn drop(&mut self) {
        self.delete_with(self.env);
    }
}

/// The work a hook does, and whether it already ran.
struct HookSlot {
    action: Cell<Option<Box<dyn FnOnce()>>>,
}

/// Something to run when the JS environment shuts down (process exit, worker end), before
/// Node tears down thread-safe functions registered earlier: Node runs cleanup hooks in
/// reverse order of registration. Dropping it (on the JS thread: it is not `Send`)
/// unregisters it, so an error path that drops it cannot leave a hook behind.
pub struct CleanupHook {
    env: sys::napi_env,
    slot: *mut HookSlot,
}

impl CleanupHook {
    pub fn add(env: Env, action: Box<dyn FnOnce()>) -> JsResult<CleanupHook> {
        let slot = Box::into_raw(Box::new(HookSlot { action: Cell::new(Some(action)) }));
        // SAFETY: `slot` stays allocated until `remove`, which unregisters it first.
        let status = unsafe { sys::napi_add_env_cleanup_hook(env.raw, Some(run_hook), slot as *mut c_void) };
        if let Err(error) = env.check(status) {
            // SAFETY: registration failed, so nothing else holds `slot`.
            drop(unsafe { Box::from_raw(slot) });
            return Err(error);
        }
        Ok(CleanupHook { env: env.raw, slot })
    }
}

impl Drop for CleanupHook {
    fn drop(&mut self) {
        // SAFETY: after napi_remove_env_cleanup_hook the hook cannot run any more, so we are
        // the last user of `slot` and free it exactly once (drop runs once). `CleanupHook`
        // is not `Send` (raw pointers), so this is the JS thread of `env`.
        unsafe {
            sys::napi_remove_env_cleanup_hook(self.env, Some(run_hook), self.slot as *mut c_void);
            drop(Box::from_raw(self.slot));
        }
    }
}

unsafe extern "C" fn run_hook(arg: *mut c_void) {
    let slot = &*(arg as *const HookSlot);
    if let Some(action) = slot.action.take() {
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(action));
    }
}
