//! One module per verb; each has its clap `Args` and a `run` returning the exit code.

pub mod analyse;
pub mod eval;
pub mod extract;
pub mod input;
