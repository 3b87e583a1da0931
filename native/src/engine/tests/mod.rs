//! Tests of the scheduler with a fake socket and a clock the test sets.

mod fake;
mod interval;
mod scheduler;
mod untranslated;
