//! Safety walks (trygghetsvandringar): a coordinator plans a walk through an area with its
//! participants; walking, on a phone, they record what they see, one observation after another,
//! even on a weak connection (`drafts`); afterwards the coordinator turns chosen observations
//! into work orders in one step, and a printable report lists every observation and what
//! became of it. The rules both sides need live here.

mod drafts;
mod input;
mod views;

pub use drafts::*;
pub use input::*;
pub use views::*;

#[cfg(test)]
mod tests;
