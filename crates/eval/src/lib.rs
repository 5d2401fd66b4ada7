//! Scorers behind `kronika eval …`. Each module reports the same figures as its counterpart
//! script in `../shared/tools`, so either can check the other.

pub mod coref;
pub mod extraction;
pub mod ner;
pub mod quotes;
pub mod stories;
