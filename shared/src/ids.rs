//! Typed ids: UUIDs (v7, time-ordered) wrapped so an area id is never passed as a place id.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::FieldError;

macro_rules! id_type {
    ($($name:ident),* $(,)?) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// Parses the id from form or URL text; anything else is `FieldError::Invalid`.
            pub fn parse(text: &str) -> Result<Self, FieldError> {
                let text = text.trim();
                if text.is_empty() {
                    return Err(FieldError::Required);
                }
                Uuid::parse_str(text).map(Self).map_err(|_| FieldError::Invalid)
            }

            /// A new time-ordered id (server only: the browser never creates records).
            #[cfg(feature = "ssr")]
            pub fn new_v7() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type!(
    OrganisationId,
    AreaId,
    PlaceId,
    CategoryId,
    UserId,
    IncidentId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_from_text_and_refuse_garbage() {
        let id = AreaId::parse(" 0191f0a0-0000-7000-8000-000000000001 ").unwrap();
        assert_eq!(id.to_string(), "0191f0a0-0000-7000-8000-000000000001");
        assert_eq!(AreaId::parse(""), Err(FieldError::Required));
        assert_eq!(AreaId::parse("rimbo"), Err(FieldError::Invalid));
    }
}
