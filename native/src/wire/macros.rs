//! The macro that declares ICMP type and code enums with an `Unknown(u8)` fallback.

/// Declares a `u8`-backed enum whose values each carry a kebab-case name and a human text.
///
/// Every `u8` converts (values the table does not list become `Unknown(n)`), so no lookup can
/// fail. `name()` gives the stable kebab-case name, `Display` the human text; both fall back to
/// the `unknown` formats, which receive the raw value.
macro_rules! icmp_enum {
    (
        $(#[$attr:meta])*
        pub enum $name:ident {
            $( $(#[$vattr:meta])* $variant:ident = $value:literal => $slug:literal, $text:literal; )+
        }
        unknown => $uslug:literal, $utext:literal;
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vattr])* $variant, )+
            /// A value this table does not name.
            Unknown(u8),
        }

        impl From<u8> for $name {
            fn from(value: u8) -> Self {
                match value {
                    $( $value => $name::$variant, )+
                    other => $name::Unknown(other),
                }
            }
        }

        impl From<$name> for u8 {
            fn from(value: $name) -> u8 {
                match value {
                    $( $name::$variant => $value, )+
                    $name::Unknown(other) => other,
                }
            }
        }

        impl $name {
            /// The stable kebab-case name scripts and findings match on.
            pub fn name(self) -> String {
                match self {
                    $( $name::$variant => String::from($slug), )+
                    $name::Unknown(other) => format!($uslug, other),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match *self {
                    $( $name::$variant => f.write_str($text), )+
                    $name::Unknown(other) => write!(f, $utext, other),
                }
            }
        }
    };
}
