//! eval (to be built).
