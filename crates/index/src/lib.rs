//! index (to be built).
