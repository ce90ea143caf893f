//! The phone's queue of observations not yet stored: each is kept (in the browser's storage)
//! from the moment it is typed until the server has it, and sent again when the connection
//! comes back. One the server refused stays, with why, until it is corrected or thrown away.

use serde::{Deserialize, Serialize};

use super::input::ObservationInput;
use crate::error::AppError;

/// One observation waiting to be stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub input: ObservationInput,
    /// Why the server refused it (shown beside it, and on its fields when it is corrected);
    /// `None` while it waits for a connection.
    #[serde(default)]
    pub refused: Option<AppError>,
}

/// The drafts of one walk, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drafts(pub Vec<Draft>);

impl Drafts {
    /// The browser-storage key for the drafts of walk `walk_id`.
    pub fn key(walk_id: &str) -> String {
        format!("samverkan.walk-drafts.{walk_id}")
    }

    /// Reads stored drafts; anything unreadable is an empty queue rather than an error.
    pub fn from_json(text: Option<&str>) -> Self {
        text.and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "[]".to_owned())
    }

    /// Adds `input`, or replaces the draft with its id (a corrected one goes to the end).
    pub fn put(&mut self, input: ObservationInput) {
        self.remove(&input.id);
        self.0.push(Draft {
            input,
            refused: None,
        });
    }

    /// Forgets the draft `id` (stored, or thrown away).
    pub fn remove(&mut self, id: &str) {
        self.0.retain(|d| d.input.id != id);
    }

    /// Marks the draft `id` as refused, with why.
    pub fn refuse(&mut self, id: &str, why: AppError) {
        if let Some(d) = self.0.iter_mut().find(|d| d.input.id == id) {
            d.refused = Some(why);
        }
    }

    /// The draft `id`, to correct it in the form, with why it was refused. It stays queued
    /// until it is sent again (`put` under the same id) or thrown away.
    pub fn find(&self, id: &str) -> Option<&Draft> {
        self.0.iter().find(|d| d.input.id == id)
    }

    /// The drafts to send now: those not refused, oldest first.
    pub fn waiting(&self) -> Vec<ObservationInput> {
        self.0
            .iter()
            .filter(|d| d.refused.is_none())
            .map(|d| d.input.clone())
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
