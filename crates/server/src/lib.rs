//! server (to be built).
