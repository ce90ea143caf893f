//! Work orders (arbetsordrar): an unsafe place sent to the organisation that fixes it (street
//! and parks, property, a housing company), followed until it is fixed. The rules live here,
//! for both sides: kinds and service levels (`kind`), states and who may take which step
//! (`state`), the send form (`send`) and what pages show (`views`).

mod kind;
mod send;
mod state;
mod views;

pub use kind::*;
pub use send::*;
pub use state::*;
pub use views::*;

#[cfg(test)]
mod tests;
