// Node-API functions are provided by the Node (or Electron) process that loads the
// addon, so they are left undefined at link time. Linux linkers allow that for shared
// objects by default; Apple's linker must be told.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("macos") {
        println!("cargo:rustc-cdylib-link-arg=-undefined");
        println!("cargo:rustc-cdylib-link-arg=dynamic_lookup");
    }
}
